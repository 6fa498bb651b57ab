using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>
/// Tests that read exact counts from <c>/metrics</c>. The instruments are process-wide, so another host ingesting at the
/// same time would add to the counts: this collection runs with no other test in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservedHostCollection : ICollectionFixture<ObservedHostFixture>
{
    public const string Name = "Observed host";
}
