using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class SqliteIdempotencyStoreTests : IdempotencyStoreContractTests
{
    private readonly TempDirectory _dir = new();
    private EmbeddedDatabase? _database;

    public override async ValueTask DisposeAsync()
    {
        _database?.Dispose();
        _dir.Dispose();
        await base.DisposeAsync();
    }

    protected override Task<IIdempotencyStore> CreateStoreAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        _database = new EmbeddedDatabase(_dir.File("jobs.db"));
        return Task.FromResult<IIdempotencyStore>(new SqliteIdempotencyStore(_database, time));
    }
}
