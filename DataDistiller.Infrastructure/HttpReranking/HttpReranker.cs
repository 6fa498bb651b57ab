using System.Net.Http.Headers;
using System.Net.Http.Json;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>
/// Re-ranks with a cross-encoder behind an HTTP <c>/rerank</c> API: text-embeddings-inference, or a Cohere-compatible
/// server (Infinity, Jina, Cohere). The candidates go in as few requests as the server's batch limit allows.
/// </summary>
public sealed class HttpReranker(HttpClient http, RerankerConnection connection, IOptions<HttpRerankerOptions> options) : IReranker
{
    private const int MaxErrorChars = 300;

    private readonly HttpRerankerOptions _options = options.Value;

    public string Name => $"http-{_options.Dialect.ToString().ToLowerInvariant()} ({connection.Model ?? connection.Endpoint.Authority})";

    public async Task<IReadOnlyList<double>> ScoreAsync(RerankRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scores = new double[request.Candidates.Count];
        Array.Fill(scores, double.NaN);
        for (var offset = 0; offset < scores.Length; offset += _options.MaxBatchSize)
        {
            var texts = request.Candidates.Skip(offset).Take(_options.MaxBatchSize).Select(c => c.Chunk.Text).ToArray();
            foreach (var (index, score) in await PostAsync(request.Question, texts, cancellationToken).ConfigureAwait(false))
            {
                if (index < 0 || index >= texts.Length)
                {
                    throw new InvalidOperationException($"The re-ranker at {connection.RerankUri} returned index {index} for {texts.Length} texts.");
                }

                scores[offset + index] = score;
            }
        }

        if (Array.IndexOf(scores, double.NaN) is var missing and >= 0)
        {
            throw new InvalidOperationException($"The re-ranker at {connection.RerankUri} returned no score for candidate {missing}.");
        }

        return scores;
    }

    private async Task<IEnumerable<(int Index, double Score)>> PostAsync(string query, string[] texts, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, connection.RerankUri)
        {
            Content = _options.Dialect == RerankDialect.Cohere
                ? JsonContent.Create(new CohereRerankRequest(connection.Model, query, texts, texts.Length))
                : JsonContent.Create(new TeiRerankRequest(query, texts, RawScores: false, Truncate: true)),
        };
        if (connection.Key is { } key)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"The re-ranker at {connection.RerankUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body[..Math.Min(body.Length, MaxErrorChars)]}",
                null,
                response.StatusCode);
        }

        if (_options.Dialect == RerankDialect.Cohere)
        {
            var cohere = await response.Content.ReadFromJsonAsync<CohereRerankResponse>(cancellationToken).ConfigureAwait(false);
            return (cohere?.Results ?? []).Select(r => (r.Index, r.RelevanceScore));
        }

        var tei = await response.Content.ReadFromJsonAsync<List<TeiRerankResult>>(cancellationToken).ConfigureAwait(false);
        return (tei ?? []).Select(r => (r.Index, r.Score));
    }
}
