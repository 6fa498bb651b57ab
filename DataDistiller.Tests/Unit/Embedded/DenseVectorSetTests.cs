using System.Numerics.Tensors;
using DataDistiller.Infrastructure.Embedded;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

/// <summary>The int8 scan with exact re-scoring against the exact float scan, on clustered vectors like real embeddings.</summary>
public sealed class DenseVectorSetTests
{
    private const int Dimensions = 384;

    [Fact]
    public void Search_OnClusteredVectors_ReturnsTheExactTopTwenty()
    {
        // Arrange: more vectors than one partition holds, so the parallel scan and its merge run too
        var random = new Random(7);
        var topics = Enumerable.Range(0, 200).Select(_ => Unit(Gaussian(random, Dimensions))).ToArray();
        using var set = new DenseVectorSet(Dimensions);
        for (var row = 0; row < 70_000; row++)
        {
            set.Upsert(row, Mixture(random, topics));
        }

        // Act
        var found = 0;
        var queries = 50;
        for (var q = 0; q < queries; q++)
        {
            var query = Mixture(random, topics);
            var exact = set.SearchExact(query, 20).Select(h => h.Row).ToHashSet();
            var fast = set.Search(query, 20);
            found += fast.Count(h => exact.Contains(h.Row));
            Assert.True(fast.Zip(fast.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        }

        // Assert
        Assert.True(found / (20.0 * queries) >= 0.99, $"recall@20 {found / (20.0 * queries):F3}");
    }

    [Fact]
    public void Search_ReturnsExactScores()
    {
        // Arrange
        var random = new Random(3);
        using var set = new DenseVectorSet(Dimensions);
        var vectors = Enumerable.Range(0, 100).Select(_ => Unit(Gaussian(random, Dimensions))).ToArray();
        for (var row = 0; row < vectors.Length; row++)
        {
            set.Upsert(row, vectors[row]);
        }

        // Act
        var best = set.Search(vectors[42], 3);

        // Assert
        Assert.Equal(42, best[0].Row);
        Assert.Equal(TensorPrimitives.Dot(vectors[42], vectors[42]), best[0].Score);
        Assert.Equal(TensorPrimitives.Dot(vectors[42], vectors[(int)best[1].Row]), best[1].Score);
    }

    [Fact]
    public void Remove_ThenUpsert_KeepsTheInt8CopyInStepWithTheVectors()
    {
        // Arrange
        var random = new Random(5);
        using var set = new DenseVectorSet(Dimensions, capacity: 2);
        var vectors = Enumerable.Range(0, 10).Select(_ => Unit(Gaussian(random, Dimensions))).ToArray();
        for (var row = 0; row < vectors.Length; row++)
        {
            set.Upsert(row, vectors[row]);
        }

        // Act: row 9 moves into row 2's slot; row 4 is re-indexed with row 2's old vector
        set.Remove(2);
        set.Upsert(4, vectors[2]);

        // Assert
        Assert.Equal(9, set.Count);
        Assert.Equal(9, set.Search(vectors[9], 1).Single().Row);
        Assert.Equal(4, set.Search(vectors[2], 1).Single().Row);
        Assert.DoesNotContain(set.Search(vectors[4], 9), h => h.Row == 2);
        Assert.Equal(set.SearchExact(vectors[0], 9), set.Search(vectors[0], 9));
    }

    // Like the benchmark's synthetic chunks: the mean of three topic vectors with a little noise, so neighbours are close.
    private static float[] Mixture(Random random, float[][] topics)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < 3; i++)
        {
            TensorPrimitives.Add(vector, topics[random.Next(topics.Length)], vector);
        }

        var noise = Gaussian(random, Dimensions);
        TensorPrimitives.MultiplyAdd(noise, 0.05f, vector, vector);
        return Unit(vector);
    }

    private static float[] Gaussian(Random random, int length)
    {
        var vector = new float[length];
        for (var i = 0; i < length; i++)
        {
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return vector;
    }

    private static float[] Unit(float[] vector)
    {
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
