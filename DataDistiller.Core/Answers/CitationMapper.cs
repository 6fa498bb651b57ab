using System.Text.RegularExpressions;
using DataDistiller.Core.Chunking;
using DataDistiller.Core.Retrieval;

namespace DataDistiller.Core.Answers;

/// <summary>
/// Turns the <c>[n]</c> markers of an answer (also <c>[1, 3]</c> and <c>[1][3]</c>) into citations of the numbered
/// sources. A number outside 1..sources is ignored (models invent them); a source cited twice is listed once, at its
/// first citation.
/// </summary>
public static partial class CitationMapper
{
    /// <summary>The longest snippet, in characters; longer sentences are cut at a word boundary.</summary>
    public const int MaxSnippetLength = 240;

    /// <summary>The citations of <paramref name="answer"/>, in order of first citation.</summary>
    public static IReadOnlyList<Citation> Map(string answer, IReadOnlyList<ChunkInfo> sources)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(sources);
        var claims = new Dictionary<int, List<string>>();
        var order = new List<int>();
        var claimStart = 0;
        var claim = string.Empty;
        foreach (Match marker in Marker().Matches(answer))
        {
            // What the answer says before a marker is the claim the source backs; "[1][3]" share one claim.
            var said = LastSentence(answer[claimStart..marker.Index]);
            claim = said.Length > 1 ? said : claim;
            claimStart = marker.Index + marker.Length;
            foreach (var number in marker.Groups[1].Value.Split(','))
            {
                if (!int.TryParse(number.Trim(), out var n) || n < 1 || n > sources.Count)
                {
                    continue;
                }

                if (!claims.TryGetValue(n, out var texts))
                {
                    claims[n] = texts = [];
                    order.Add(n);
                }

                texts.Add(claim);
            }
        }

        return [.. order.Select(n => Cite(n, sources[n - 1], claims[n]))];
    }

    private static Citation Cite(int n, ChunkInfo chunk, List<string> claims)
    {
        var claimed = AnswerTerms.Of(string.Join(' ', claims));
        var best = Sentences.Split(chunk.Text)
            .Select(s => (Sentence: s, Score: AnswerTerms.Coverage(claimed, AnswerTerms.Of(s))))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .Select(s => s.Sentence)
            .FirstOrDefault();
        return new Citation(n, chunk.DocumentId, chunk.FileName, chunk.PageStart, Bound(best ?? chunk.Text.Trim()), chunk.ChunkId);
    }

    private static string LastSentence(string text)
    {
        var sentences = Sentences.Split(text).ToList();
        return sentences.Count == 0 ? string.Empty : sentences[^1];
    }

    private static string Bound(string text)
    {
        if (text.Length <= MaxSnippetLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxSnippetLength - 1);
        return string.Concat(text.AsSpan(0, cut > MaxSnippetLength / 2 ? cut : MaxSnippetLength - 1), "…");
    }

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
