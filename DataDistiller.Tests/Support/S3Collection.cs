using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>The test classes that share the run's S3 server.</summary>
[CollectionDefinition(Name)]
public sealed class S3Collection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "S3";
}
