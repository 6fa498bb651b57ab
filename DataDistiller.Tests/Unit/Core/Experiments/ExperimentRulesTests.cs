using DataDistiller.Core.Retrieval.Experiments;
using Xunit;

namespace DataDistiller.Tests.Unit.Core.Experiments;

public sealed class ExperimentRulesTests
{
    [Fact]
    public void Validate_WhenTwoKnownArmsSumTo100_ReturnsNoErrors()
    {
        var errors = ExperimentRules.Validate("rrf vs rerank", "research", [new("hybrid-rrf@1", 40), new("hybrid-rerank", 60)]);

        Assert.Empty(errors);
    }

    public static TheoryData<string?, string?, ExperimentArm[]?, string> Invalid => new()
    {
        { "", null, [new("bm25@1", 50), new("dense@1", 50)], "name" },
        { new string('n', 101), null, [new("bm25@1", 50), new("dense@1", 50)], "name" },
        { "x", "Bad Name", [new("bm25@1", 50), new("dense@1", 50)], "collection" },
        { "x", null, null, "arms" },
        { "x", null, [new("bm25@1", 100)], "arms" },
        { "x", null, [new("bm25@1", 20), new("dense@1", 20), new("bm25@1", 20), new("dense@1", 20), new("bm25@1", 20)], "arms" },
        { "x", null, [new("bm25@1", 50), new("dense@1", 40)], "arms" },
        { "x", null, [new("bm25@9", 50), new("dense@1", 50)], "arms" },
        { "x", null, [new("bm25@1", 0), new("dense@1", 100)], "arms" },
        { "x", null, [new("bm25@1", 150), new("dense@1", -50)], "arms" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_WhenAFieldIsWrong_ReportsThatField(string? name, string? collection, ExperimentArm[]? arms, string field)
    {
        var errors = ExperimentRules.Validate(name, collection, arms);

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Start_WhenAnArmNamesABareStrategy_PinsItsCurrentVersion()
    {
        var experiment = Experiment.Start(Guid.NewGuid(), " pinned ", null, [new("bm25", 50), new(" dense@1 ", 50)], DateTimeOffset.UnixEpoch);

        Assert.Equal(["bm25@1", "dense@1"], experiment.Arms.Select(a => a.Strategy));
        Assert.Equal("pinned", experiment.Name);
        Assert.Equal(ExperimentState.Running, experiment.State);
    }
}
