using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Postgres;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresIdempotencyStoreTests(PostgresCluster cluster) : IdempotencyStoreContractTests
{
    protected override async Task<IIdempotencyStore> CreateStoreAsync(TimeProvider time, CancellationToken cancellationToken) =>
        new PostgresIdempotencyStore(await cluster.OpenCleanDatabaseAsync(nameof(PostgresIdempotencyStoreTests), cancellationToken), time);
}
