using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresJobStoreTests(PostgresCluster cluster) : JobStoreContractTests
{
    protected override async Task<IJobStore> CreateStoreAsync(TimeProvider time, CancellationToken cancellationToken) =>
        new PostgresJobStore(await cluster.OpenCleanDatabaseAsync(nameof(PostgresJobStoreTests), cancellationToken), time);
}
