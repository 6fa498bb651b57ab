using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Support;
using Npgsql;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

/// <summary>
/// Live progress with the job store in PostgreSQL: the pipeline's changes travel as NOTIFY to the hub's LISTEN
/// connection, as between the Workers and the Api of the distributed mode, and reach a WebSocket client.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresLiveProgressTests(PostgresCluster cluster)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WebSocket_WithPostgresJobStore_SeesAcceptedThroughIndexedOverNotify()
    {
        // Arrange
        var connectionString = await cluster.CreateDatabaseAsync("live_progress_e2e", _ct);
        await using var api = LiveProgressFixture.With(new Dictionary<string, string?> { ["ConnectionStrings:postgres"] = connectionString });
        await WaitUntilListeningAsync(connectionString);
        using var client = await api.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", collection = "live-pg" });
        await client.ReceiveAsync();

        // Act
        var id = await api.Client.UploadAsync("estuary.txt", LiveProgressFixture.LongText("salinity"), "live-pg");
        var frames = await client.ReceiveUntilAsync(f => f["documentId"]?.GetValue<Guid>() == id && f["status"]?.GetValue<string>() is "indexed" or "failed");

        // Assert
        var statuses = frames.Select(f => f["status"]!.GetValue<string>()).Distinct();
        Assert.Equal(["accepted", "splitting", "embedding", "indexed"], statuses);
        var progress = frames.Select(f => f["progress"]!.GetValue<int>()).ToList();
        Assert.True(progress.SequenceEqual(progress.Order()), string.Join(", ", frames.Select(f => f.ToJsonString())));
        Assert.True(progress.Count(p => p is > 0 and < 100) >= 3, string.Join(", ", frames.Select(f => f.ToJsonString())));
        Assert.Equal(100, progress[^1]);
    }

    // NOTIFY reaches only connections that listen already, so the test starts once the hub's LISTEN is in place.
    private Task<long> WaitUntilListeningAsync(string connectionString) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(_ct);
                await using var count = new NpgsqlCommand(
                    $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {PostgresDocumentEvents.Channel}'",
                    connection);
                return (long)(await count.ExecuteScalarAsync(_ct))!;
            },
            listeners => listeners > 0,
            TimeSpan.FromSeconds(30),
            "the Api to listen for document changes");
}
