using System.Security.Claims;
using DataDistiller.Api.Features.Events;
using DataDistiller.Core.Documents;
using DataDistiller.Endpoints.Security;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Events;

public sealed class DocumentEventHubTests
{
    private static readonly ClaimsPrincipal s_acme = Tenant("acme");
    private static readonly ClaimsPrincipal s_globex = Tenant("globex");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_ToTwoSubscribersOfTheDocument_ReachesBoth()
    {
        // Arrange
        var hub = Hub();
        var id = Guid.CreateVersion7();
        using var first = hub.Subscribe(s_acme);
        using var second = hub.Subscribe(s_acme);
        using var other = hub.Subscribe(s_acme);
        first.AddDocument(id);
        second.AddDocument(id);
        other.AddDocument(Guid.CreateVersion7());
        var change = TestChanges.Of(id, "acme.docs", done: 3);

        // Act
        hub.Publish(change);

        // Assert
        Assert.Equal(change, await first.ReadAsync(_ct));
        Assert.Equal(change, await second.ReadAsync(_ct));
        Assert.False(other.ReadAsync(_ct).AsTask().IsCompleted);
    }

    [Fact]
    public void Publish_ToACollectionOfTwoTenants_ReachesOnlyTheOwner()
    {
        // Arrange: both tenants follow a collection called "docs" and a document id of the other tenant
        var hub = Hub();
        var acmeDocument = Guid.CreateVersion7();
        var globexDocument = Guid.CreateVersion7();
        using var acme = hub.Subscribe(s_acme);
        using var globex = hub.Subscribe(s_globex);
        acme.AddCollection(CallerTenant.Collection(s_acme, "docs").Key);
        globex.AddCollection(CallerTenant.Collection(s_globex, "docs").Key);
        acme.AddDocument(globexDocument);
        globex.AddDocument(acmeDocument);

        // Act
        var toAcme = acme.Offer(TestChanges.Of(acmeDocument, "acme.docs"));
        var toGlobex = globex.Offer(TestChanges.Of(acmeDocument, "acme.docs"));
        var foreignToAcme = acme.Offer(TestChanges.Of(globexDocument, "globex.docs"));
        var defaultToAcme = acme.Offer(TestChanges.Of(globexDocument, "docs"));

        // Assert
        Assert.Equal("acme", acme.Tenant);
        Assert.True(toAcme);
        Assert.False(toGlobex);
        Assert.False(foreignToAcme);
        Assert.False(defaultToAcme);
    }

    [Fact]
    public void Subscribe_WithoutATenantClaim_IsRefused()
    {
        // Arrange
        var hub = Hub();

        // Act + Assert: the routes are never anonymous, so a caller without a tenant is a wiring error, never the default tenant
        Assert.Throws<InvalidOperationException>(() => hub.Subscribe(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public void Subscribe_ForTheDefaultTenant_SeesOnlyBareCollectionKeys()
    {
        // Arrange
        var hub = Hub();
        using var subscription = hub.Subscribe(Tenant(CollectionAddress.DefaultTenant));
        subscription.AddCollection("docs");

        // Act + Assert
        Assert.True(subscription.Offer(TestChanges.Of(Guid.CreateVersion7(), "docs")));
        Assert.False(subscription.Offer(TestChanges.Of(Guid.CreateVersion7(), "acme.docs")));
    }

    [Fact]
    public void Offer_AfterUnsubscribingOrDisposing_QueuesNothing()
    {
        // Arrange
        var hub = Hub();
        var id = Guid.CreateVersion7();
        var subscription = hub.Subscribe(s_acme);
        subscription.AddDocument(id);
        subscription.AddCollection("acme.docs");

        // Act
        subscription.RemoveDocument(id);
        subscription.RemoveCollection("acme.docs");
        var afterUnsubscribe = subscription.Offer(TestChanges.Of(id, "acme.docs"));
        subscription.Dispose();

        // Assert
        Assert.False(afterUnsubscribe);
        Assert.Equal(0, hub.SubscriberCount);
    }

    [Fact]
    public async Task Offer_WhenOlderThanWhatWasQueued_DropsIt()
    {
        // Arrange: the current state read from the store arrives after a newer live event
        var hub = Hub();
        var id = Guid.CreateVersion7();
        using var subscription = hub.Subscribe(s_acme);
        subscription.AddDocument(id);
        subscription.Offer(TestChanges.Of(id, "acme.docs", done: 6));

        // Act
        var older = subscription.Offer(TestChanges.Of(id, "acme.docs", done: 4));
        var earlierStage = subscription.Offer(TestChanges.Of(id, "acme.docs", DocumentStatus.Splitting, 0, null));
        var same = subscription.Offer(TestChanges.Of(id, "acme.docs", done: 6));
        var newer = subscription.Offer(TestChanges.Of(id, "acme.docs", DocumentStatus.Indexed, 10));

        // Assert
        Assert.False(older);
        Assert.False(earlierStage);
        Assert.False(same);
        Assert.True(newer);
        Assert.Equal(6, (await subscription.ReadAsync(_ct)).ChunksDone);
        Assert.Equal(DocumentStatus.Indexed, (await subscription.ReadAsync(_ct)).Status);
    }

    [Fact]
    public async Task Offer_AfterResubscribing_SendsTheCurrentStateAgainEvenWhenUnchanged()
    {
        // Arrange: the client saw the document fail, stopped following it, retried it, and it failed again the same way
        var hub = Hub();
        var id = Guid.CreateVersion7();
        using var subscription = hub.Subscribe(s_acme);
        subscription.AddDocument(id);
        subscription.Offer(TestChanges.Of(id, "acme.docs", DocumentStatus.Failed, 0, null));
        await subscription.ReadAsync(_ct);
        subscription.RemoveDocument(id);

        // Act
        subscription.AddDocument(id);
        var current = subscription.Offer(TestChanges.Of(id, "acme.docs", DocumentStatus.Failed, 0, null));

        // Assert
        Assert.True(current);
        Assert.Equal(DocumentStatus.Failed, (await subscription.ReadAsync(_ct)).Status);
    }

    [Fact]
    public async Task Publish_ToASlowSubscriber_StaysBoundedAndKeepsTheNewestState()
    {
        // Arrange: a reader that reads nothing while 1000 documents change 10 times each
        var hub = Hub(capacity: 16);
        using var slow = hub.Subscribe(s_acme);
        using var fast = hub.Subscribe(s_acme);
        slow.AddCollection("acme.docs");
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.CreateVersion7()).ToList();
        var last = ids[^1];
        fast.AddDocument(last);

        // Act
        foreach (var done in Enumerable.Range(1, 10))
        {
            foreach (var id in ids)
            {
                hub.Publish(TestChanges.Of(id, "acme.docs", done: done));
            }
        }

        hub.Publish(TestChanges.Of(last, "acme.docs", DocumentStatus.Indexed, 10));
        var waiting = new List<DocumentChanged>();
        for (var i = 0; i < 16; i++)
        {
            waiting.Add(await slow.ReadAsync(_ct));
        }

        // Assert
        Assert.True(slow.Dropped > 0);
        Assert.False(slow.ReadAsync(_ct).AsTask().IsCompleted);
        Assert.Equal(DocumentStatus.Indexed, waiting[^1].Status);
        Assert.Equal(last, waiting[^1].DocumentId);
        Assert.Equal(10, (await fast.ReadAsync(_ct)).ChunksDone);
        Assert.Equal(DocumentStatus.Indexed, (await fast.ReadAsync(_ct)).Status);
    }

    [Fact]
    public async Task PendingEvents_SameStateOfADocument_IsReplacedButTransitionsAreKept()
    {
        // Arrange
        using var pending = new PendingEvents(capacity: 16);
        var id = Guid.CreateVersion7();

        // Act
        pending.Enqueue(TestChanges.Of(id, status: DocumentStatus.Splitting, total: null));
        pending.Enqueue(TestChanges.Of(id, done: 0));
        pending.Enqueue(TestChanges.Of(id, done: 2));
        pending.Enqueue(TestChanges.Of(id, done: 4));
        pending.Enqueue(TestChanges.Of(id, status: DocumentStatus.Indexed, done: 10));

        // Assert
        Assert.Equal(3, pending.Count);
        Assert.Equal(DocumentStatus.Splitting, (await pending.DequeueAsync(_ct)).Status);
        Assert.Equal(4, (await pending.DequeueAsync(_ct)).ChunksDone);
        Assert.Equal(DocumentStatus.Indexed, (await pending.DequeueAsync(_ct)).Status);
        Assert.Equal(0, pending.Dropped);
    }

    [Fact]
    public async Task Follow_WhenALiveEventCameWhileTheStateWasRead_KeepsTheNewerOneLast()
    {
        // Arrange: subscribed, then the document is indexed while its row (still embedding) is being read
        var hub = Hub();
        var id = Guid.CreateVersion7();
        using var subscription = hub.Subscribe(s_acme);
        subscription.AddDocument(id);
        hub.Publish(TestChanges.Of(id, "acme.docs", DocumentStatus.Indexed, 10));
        var readBefore = TestDocument(id, "acme.docs", DocumentStatus.Embedding, done: 6);

        // Act
        subscription.Follow(readBefore);

        // Assert: only the indexed state, never the older snapshot after it
        Assert.Equal(DocumentStatus.Indexed, (await subscription.ReadAsync(_ct)).Status);
        using var none = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await subscription.ReadAsync(none.Token));
    }

    [Fact]
    public void Offer_AfterAFailure_RefusesAStateReadBeforeItButTakesTheReplay()
    {
        // Arrange
        var hub = Hub();
        var id = Guid.CreateVersion7();
        using var subscription = hub.Subscribe(s_acme);
        subscription.AddDocument(id);
        subscription.Offer(TestChanges.Of(id, "acme.docs", DocumentStatus.Failed, 3) with { OccurredAt = TestChanges.At.AddSeconds(10) });

        // Act
        var readBeforeTheFailure = subscription.Offer(TestChanges.Of(id, "acme.docs", done: 3) with { OccurredAt = TestChanges.At.AddSeconds(5) });
        var replayed = subscription.Offer(TestChanges.Of(id, "acme.docs", done: 3) with { OccurredAt = TestChanges.At.AddSeconds(20) });

        // Assert
        Assert.False(readBeforeTheFailure);
        Assert.True(replayed);
    }

    [Fact]
    public void Offer_AfterDispose_QueuesNothingAndDoesNotThrow()
    {
        // Arrange: the hub publishes to a snapshot of its subscribers, so a client leaving can race a publish
        var hub = Hub();
        var id = Guid.CreateVersion7();
        var subscription = hub.Subscribe(s_acme);
        subscription.AddDocument(id);
        subscription.Dispose();

        // Act
        var queued = subscription.Offer(TestChanges.Of(id, "acme.docs"));

        // Assert
        Assert.False(queued);
    }

    [Fact]
    public async Task PendingEvents_WhenFull_DropsProgressBeforeAnyFinalState()
    {
        // Arrange: a final state waits at the head of a full queue
        using var pending = new PendingEvents(capacity: 3);
        var (done, busy, other, late) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        pending.Enqueue(TestChanges.Of(done, status: DocumentStatus.Indexed, done: 10));
        pending.Enqueue(TestChanges.Of(busy, done: 2));
        pending.Enqueue(TestChanges.Of(other, done: 4));

        // Act
        pending.Enqueue(TestChanges.Of(late, status: DocumentStatus.Failed, error: "broken"));

        // Assert: the oldest progress went, both final states stay
        Assert.Equal(1, pending.Dropped);
        Assert.Equal(done, (await pending.DequeueAsync(_ct)).DocumentId);
        Assert.Equal(other, (await pending.DequeueAsync(_ct)).DocumentId);
        Assert.Equal(late, (await pending.DequeueAsync(_ct)).DocumentId);
    }

    private static DocumentRecord TestDocument(Guid id, string collection, DocumentStatus status, int done) => new()
    {
        DocumentId = id, JobId = Guid.CreateVersion7(), Collection = collection, FileName = "a.txt", ContentType = "text/plain",
        BlobKey = "k", SizeBytes = 1, Sha256 = "00", Status = status, ChunksTotal = 10, ChunksDone = done,
        AcceptedAt = TestChanges.At, UpdatedAt = TestChanges.At,
    };

    private static DocumentEventHub Hub(int capacity = 1024) =>
        new(Options.Create(new DocumentEventsOptions { SendQueueCapacity = capacity }), new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));

    private static ClaimsPrincipal Tenant(string tenant) =>
        new(new ClaimsIdentity([new Claim(CallerTenant.ClaimType, tenant)], "test"));
}
