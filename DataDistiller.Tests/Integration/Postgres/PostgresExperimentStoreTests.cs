using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

// A "restart" is a new PostgresDatabase (migrations checked again) over the same database.
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresExperimentStoreTests(PostgresCluster cluster) : ExperimentStoreContractTests
{
    private PostgresDatabase? _database;

    protected override async Task<IExperimentStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        _database = await cluster.OpenCleanDatabaseAsync(nameof(PostgresExperimentStoreTests), cancellationToken);
        return new PostgresExperimentStore(_database);
    }

    protected override Task<IExperimentStore> ReopenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IExperimentStore>(new PostgresExperimentStore(new PostgresDatabase(_database!.DataSource, NullLogger<PostgresDatabase>.Instance)));
}
