using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace DataDistiller.Tests.Support;

/// <summary>
/// A bag-of-words embedder for unit tests: each word adds to one hashed dimension, so texts sharing words are
/// similar. Counts calls and can fail a given number of times.
/// </summary>
public sealed class FakeEmbeddingGenerator(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }

    public int FailuresLeft { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("Injected embedder failure.");
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));
    }

    public float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            vector[(int)((uint)StringComparer.Ordinal.GetHashCode(word) % (uint)dimensions)] += 1;
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", null, "fake-bow", dimensions) : null;

    public void Dispose()
    {
    }
}
