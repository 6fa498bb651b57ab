using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;

namespace DataDistiller.Tests.Unit.Embedded;

/// <summary>The chunk index contract on the local index (SQLite FTS5 and in-memory vectors).</summary>
public sealed class LocalChunkIndexTests : ChunkIndexContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<LocalChunkIndex> _opened = [];

    public void Dispose()
    {
        foreach (var index in _opened)
        {
            index.Dispose();
        }

        _dir.Dispose();
    }

    protected override IChunkIndex Open()
    {
        var index = new LocalChunkIndex(_dir.File(LocalChunkIndex.FileName));
        _opened.Add(index);
        return index;
    }
}
