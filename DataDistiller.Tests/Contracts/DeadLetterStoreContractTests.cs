using System.Text;
using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>The behaviour every <see cref="IDeadLetterStore"/> adapter must have; one derived class per adapter runs it.</summary>
public abstract class DeadLetterStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_firstFailure = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private int _sequence;

    protected IDeadLetterStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync(_ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A store on empty storage.</summary>
    protected abstract Task<IDeadLetterStore> CreateStoreAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Add_ThenGet_KeepsEveryFieldAndThePayloadByteForByte()
    {
        // Arrange
        var letter = Letter(Topics.ChunkProcessing, Guid.CreateVersion7()) with { Payload = new byte[] { 0xff, 0x00, 0x7b } };

        // Act
        await Store.AddAsync(letter, _ct);
        var found = await Store.GetAsync(letter.Id, _ct);

        // Assert
        Assert.NotNull(found);
        Assert.Equal(letter.Payload.ToArray(), found.Payload.ToArray());
        Assert.Equal(letter.Headers, found.Headers);
        Assert.Equal(letter with { Payload = found.Payload, Headers = found.Headers }, found);
    }

    [Fact]
    public async Task Add_WhenRedelivered_KeepsOneLetter()
    {
        // Arrange
        var letter = Letter(Topics.DocRequests, null);

        // Act
        await Store.AddAsync(letter, _ct);
        await Store.AddAsync(letter, _ct);

        // Assert
        Assert.Equal(1, (await Store.ListAsync(new DeadLetterQuery(null, null, 1, 10), _ct)).Total);
    }

    [Fact]
    public async Task List_FiltersByTopicAndDocumentAndPagesNewestFirst()
    {
        // Arrange
        var document = Guid.CreateVersion7();
        var letters = new List<DeadLetter>();
        for (var i = 0; i < 3; i++)
        {
            letters.Add(Letter(Topics.ChunkProcessing, document));
        }

        letters.Add(Letter(Topics.DocRequests, document));
        letters.Add(Letter(Topics.ChunkProcessing, Guid.CreateVersion7()));
        foreach (var letter in letters)
        {
            await Store.AddAsync(letter, _ct);
        }

        // Act
        var page = await Store.ListAsync(new DeadLetterQuery(Topics.ChunkProcessing, document, 1, 2), _ct);
        var ofDocument = await Store.ListAsync(new DeadLetterQuery(null, document, 1, 10), _ct);
        var all = await Store.ListAsync(new DeadLetterQuery(null, null, 2, 4), _ct);

        // Assert
        Assert.Equal(3, page.Total);
        Assert.Equal([letters[2].Id, letters[1].Id], page.Items.Select(l => l.Id));
        Assert.Equal(4, ofDocument.Total);
        Assert.Equal(5, all.Total);
        Assert.Equal(letters[0].Id, Assert.Single(all.Items).Id);
    }

    [Fact]
    public async Task Remove_DeletesOnceAndReportsWhetherItExisted()
    {
        // Arrange
        var letter = Letter(Topics.DocRequests, Guid.CreateVersion7());
        await Store.AddAsync(letter, _ct);

        // Act
        var first = await Store.RemoveAsync(letter.Id, _ct);
        var second = await Store.RemoveAsync(letter.Id, _ct);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Null(await Store.GetAsync(letter.Id, _ct));
    }

    // Ids grow with the sequence, as Guid v7 ids minted one after another do.
    private DeadLetter Letter(string topic, Guid? documentId)
    {
        var at = s_firstFailure.AddSeconds(++_sequence);
        return new DeadLetter(
            DeadLetter.CurrentSchemaVersion, Guid.CreateVersion7(at), topic, documentId?.ToString() ?? "key", documentId, "InvalidOperationException",
            "Embedding failed after 3 attempts", 3, s_firstFailure, at, Encoding.UTF8.GetBytes("{\"a\":1}"),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["traceparent"] = "00-abc-def-01" });
    }
}
