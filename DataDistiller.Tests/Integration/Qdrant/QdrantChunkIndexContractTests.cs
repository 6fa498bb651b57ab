using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Qdrant;
using DataDistiller.Tests.Contracts;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Xunit;

namespace DataDistiller.Tests.Integration.Qdrant;

/// <summary>The chunk index contract on a real Qdrant; runs when <c>ConnectionStrings__qdrant</c> is set, each test on fresh collections.</summary>
[Trait("Category", "Integration")]
public sealed class QdrantChunkIndexContractTests : ChunkIndexContractTests
{
    private const string Variable = "ConnectionStrings__qdrant";

    protected override IChunkIndex Open()
    {
        var connection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(connection))
        {
            Assert.Skip($"{Variable} is not set: no Qdrant server to test against (e.g. Endpoint=http://localhost:6334).");
        }

        var settings = new QdrantClientSettings();
        settings.ParseConnectionString(connection);
        return new QdrantChunkIndex(new QdrantClient(settings.Endpoint!, settings.Key), Options.Create(new QdrantIndexOptions()));
    }
}
