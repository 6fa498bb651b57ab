using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Support;
using Npgsql;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresMigrationsTests(PostgresCluster cluster)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_Twice_SecondRunIsANoOp()
    {
        // Arrange
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync("migrate_twice", _ct));

        // Act
        var first = await PostgresMigrations.ApplyAsync(dataSource, _ct);
        var second = await PostgresMigrations.ApplyAsync(dataSource, _ct);

        // Assert
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        await using var count = dataSource.CreateCommand("SELECT count(*)::integer FROM schema_migrations");
        Assert.Equal(PostgresMigrations.All.Count, (int)(await count.ExecuteScalarAsync(_ct))!);
    }

    [Fact]
    public async Task Apply_FromReplicasStartingTogether_AppliesEachMigrationOnce()
    {
        // Arrange: one data source per "replica", as separate processes would have
        var connectionString = await cluster.CreateDatabaseAsync("migrate_together", _ct);
        var replicas = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();

        // Act
        var applied = await Task.WhenAll(replicas.Select(r => Task.Run(() => PostgresMigrations.ApplyAsync(r, _ct), _ct)));

        // Assert
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), applied.SelectMany(a => a).Select(m => m.Version).Order());
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }

    [Fact]
    public void All_VersionsAreUniqueAndAscending()
    {
        var versions = PostgresMigrations.All.Select(m => m.Version).ToList();

        Assert.Equal(versions.Order().Distinct(), versions);
    }
}
