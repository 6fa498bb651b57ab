using DataDistiller.Core.Ports;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>The behaviour every <see cref="IIdempotencyStore"/> adapter must have; one derived class per adapter runs it.</summary>
public abstract class IdempotencyStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromHours(24);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected IIdempotencyStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync(_time, _ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A store on empty storage, reading the clock from <paramref name="time"/>.</summary>
    protected abstract Task<IIdempotencyStore> CreateStoreAsync(TimeProvider time, CancellationToken cancellationToken);

    [Fact]
    public async Task TryClaim_WhenCompleted_ReturnsTheRequestHashAndResponse()
    {
        // Arrange
        var first = await ClaimAsync("c", "k1", "hash-a");
        var pending = await ClaimAsync("c", "k1", "hash-a");

        // Act
        await Store.CompleteAsync("c", "k1", "{\"ok\":1}", _ct);
        var completed = await ClaimAsync("c", "k1", "hash-b");

        // Assert
        Assert.Null(first);
        Assert.Equal(("hash-a", (string?)null), (pending!.RequestHash, pending.Response));
        Assert.Equal(("hash-a", "{\"ok\":1}"), (completed!.RequestHash, completed.Response));
        Assert.Equal(_time.GetUtcNow() + s_lifetime, completed.ExpiresAt);
    }

    [Fact]
    public async Task TryClaim_KeysAreScopedPerCollection()
    {
        // Act
        var inC = await ClaimAsync("c", "shared", "hash-a");
        var inD = await ClaimAsync("d", "shared", "hash-b");

        // Assert
        Assert.Null(inC);
        Assert.Null(inD);
    }

    [Fact]
    public async Task TryClaim_AfterTheLifetime_ClaimsTheKeyAgain()
    {
        // Arrange
        await ClaimAsync("c", "k1", "hash-a");
        await Store.CompleteAsync("c", "k1", "{}", _ct);
        _time.Advance(s_lifetime);

        // Act
        var again = await ClaimAsync("c", "k1", "hash-b");
        var held = await ClaimAsync("c", "k1", "hash-c");

        // Assert
        Assert.Null(again);
        Assert.Equal(("hash-b", (string?)null), (held!.RequestHash, held.Response));
    }

    [Fact]
    public async Task Release_FreesAPendingClaimButNeverACompletedOne()
    {
        // Arrange
        await ClaimAsync("c", "pending", "hash-a");
        await ClaimAsync("c", "done", "hash-a");
        await Store.CompleteAsync("c", "done", "{}", _ct);

        // Act
        await Store.ReleaseAsync("c", "pending", _ct);
        await Store.ReleaseAsync("c", "done", _ct);

        // Assert
        Assert.Null(await ClaimAsync("c", "pending", "hash-b"));
        Assert.Equal("{}", (await ClaimAsync("c", "done", "hash-a"))!.Response);
    }

    [Fact]
    public async Task TryClaim_FromConcurrentRequests_ExactlyOneClaims()
    {
        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ClaimAsync("c", "race", "hash-a"), _ct)));

        // Assert
        Assert.Single(results, r => r is null);
        Assert.All(results.Where(r => r is not null), r => Assert.Equal("hash-a", r!.RequestHash));
    }

    private Task<Core.Documents.IdempotencyClaim?> ClaimAsync(string collection, string key, string hash) =>
        Store.TryClaimAsync(collection, key, hash, _time.GetUtcNow() + s_lifetime, _ct);
}
