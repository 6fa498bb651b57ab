using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresDeadLetterStoreTests(PostgresCluster cluster) : DeadLetterStoreContractTests
{
    protected override async Task<IDeadLetterStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        new PostgresDeadLetterStore(await cluster.OpenCleanDatabaseAsync(nameof(PostgresDeadLetterStoreTests), cancellationToken));
}
