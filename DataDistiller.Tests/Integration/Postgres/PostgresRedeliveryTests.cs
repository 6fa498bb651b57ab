using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresRedeliveryTests(PostgresCluster cluster) : RedeliveryContractTests
{
    protected override async Task<IJobStore> CreateJobStoreAsync(CancellationToken cancellationToken) =>
        new PostgresJobStore(await cluster.OpenCleanDatabaseAsync(nameof(PostgresRedeliveryTests), cancellationToken), TimeProvider.System);
}
