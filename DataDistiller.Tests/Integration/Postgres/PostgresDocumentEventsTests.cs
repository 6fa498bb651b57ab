using System.Text;
using DataDistiller.Core.Documents;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

/// <summary>LISTEN/NOTIFY against the real throwaway cluster: publish on one connection, receive on another.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresDocumentEventsTests(PostgresCluster cluster)
{
    private const string ListenerName = "document-events-listener";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishAsync_WhileAnotherConnectionListens_DeliversTheChange()
    {
        // Arrange
        var dataSource = (await cluster.OpenCleanDatabaseAsync(nameof(PostgresDocumentEventsTests), _ct)).DataSource;
        var events = Events(dataSource);
        await using var listening = ListeningDataSource(dataSource);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        await using var listener = Events(listening).ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var change = TestChanges.Of(Guid.CreateVersion7(), "acme.docs", done: 3, error: "ünïcode");

        // Act: NOTIFY before LISTEN is lost, so publish until the listener is up
        var received = await ReceiveWhilePublishingAsync(listener, events, change);

        // Assert
        Assert.Equal(change, received);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task ReadAllAsync_WhenTheListeningConnectionIsKilled_ReconnectsAndDeliversAgain()
    {
        // Arrange
        var dataSource = (await cluster.OpenCleanDatabaseAsync(nameof(PostgresDocumentEventsTests), _ct)).DataSource;
        var events = Events(dataSource);
        await using var listening = ListeningDataSource(dataSource);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        await using var listener = Events(listening).ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        await ReceiveWhilePublishingAsync(listener, events, TestChanges.Of(Guid.CreateVersion7(), done: 1));

        // Act
        await using (var kill = dataSource.CreateCommand(
            $"SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE application_name = '{ListenerName}'"))
        {
            Assert.Equal(1, (int)(await kill.ExecuteScalarAsync(_ct))!);
        }

        var after = TestChanges.Of(Guid.CreateVersion7(), done: 2);
        var received = await ReceiveWhilePublishingAsync(listener, events, after);

        // Assert
        Assert.Equal(after, received);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task PublishAsync_WithAnErrorBeyondNotifysLimit_ShortensItAndDelivers()
    {
        // Arrange
        var dataSource = (await cluster.OpenCleanDatabaseAsync(nameof(PostgresDocumentEventsTests), _ct)).DataSource;
        var events = Events(dataSource);
        await using var listening = ListeningDataSource(dataSource);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        await using var listener = Events(listening).ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var change = TestChanges.Of(Guid.CreateVersion7(), status: DocumentStatus.Failed, error: new string('é', 20_000));

        // Act
        var received = await ReceiveWhilePublishingAsync(listener, events, change);

        // Assert
        Assert.True(Encoding.UTF8.GetByteCount(PostgresDocumentEvents.Serialize(change)) <= PostgresDocumentEvents.MaxPayloadBytes);
        Assert.Equal(change with { Error = received.Error }, received);
        Assert.StartsWith("éé", received.Error, StringComparison.Ordinal);
        await stop.CancelAsync();
    }

    private static PostgresDocumentEvents Events(NpgsqlDataSource dataSource) =>
        new(dataSource, TimeProvider.System, NullLogger<PostgresDocumentEvents>.Instance);

    // The listener's own connections, unpooled and named, so the test kills exactly the listening one and no pooled
    // connection another test would get back broken.
    private static NpgsqlDataSource ListeningDataSource(NpgsqlDataSource shared) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(shared.ConnectionString) { ApplicationName = ListenerName, Pooling = false }.ConnectionString);

    private async Task<DocumentChanged> ReceiveWhilePublishingAsync(
        IAsyncEnumerator<DocumentChanged> listener, PostgresDocumentEvents events, DocumentChanged change)
    {
        var next = listener.MoveNextAsync().AsTask();
        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            await events.PublishAsync(change, _ct);
            if (await Task.WhenAny(next, Task.Delay(100, _ct)) == next)
            {
                Assert.True(await next);
                if (listener.Current.DocumentId == change.DocumentId)
                {
                    return listener.Current;
                }

                next = listener.MoveNextAsync().AsTask();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No notification for {change.DocumentId} within {s_timeout.TotalSeconds} s.");
            }
        }
    }
}
