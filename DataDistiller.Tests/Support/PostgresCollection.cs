using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>The test classes that share the run's PostgreSQL cluster; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
