using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class SqliteRedeliveryTests : RedeliveryContractTests
{
    private readonly TempDirectory _dir = new();
    private EmbeddedDatabase? _database;

    public override async ValueTask DisposeAsync()
    {
        _database?.Dispose();
        _dir.Dispose();
        await base.DisposeAsync();
    }

    protected override Task<IJobStore> CreateJobStoreAsync(CancellationToken cancellationToken)
    {
        _database = new EmbeddedDatabase(_dir.File("jobs.db"));
        return Task.FromResult<IJobStore>(new SqliteJobStore(_database, TimeProvider.System));
    }
}
