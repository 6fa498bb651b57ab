using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;

namespace DataDistiller.Tests.Unit.Embedded;

// A "restart" is a new EmbeddedDatabase on the same file, the way the host reopens it.
public sealed class SqliteExperimentStoreTests : ExperimentStoreContractTests
{
    private readonly TempDirectory _dir = new();
    private EmbeddedDatabase? _database;

    public override async ValueTask DisposeAsync()
    {
        _database?.Dispose();
        _dir.Dispose();
        await base.DisposeAsync();
    }

    protected override Task<IExperimentStore> CreateStoreAsync(CancellationToken cancellationToken) => ReopenAsync(cancellationToken);

    protected override Task<IExperimentStore> ReopenAsync(CancellationToken cancellationToken)
    {
        _database?.Dispose();
        _database = new EmbeddedDatabase(_dir.File("experiments.db"));
        return Task.FromResult<IExperimentStore>(new SqliteExperimentStore(_database));
    }
}
