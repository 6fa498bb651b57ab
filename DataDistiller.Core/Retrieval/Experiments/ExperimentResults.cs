namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>An experiment with the figures of each arm.</summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Arms">One entry per arm, in arm order.</param>
public sealed record ExperimentResults(Experiment Experiment, IReadOnlyList<ArmResults> Arms)
{
    /// <summary>Summarises a store's tallies; an arm without a tally has served nothing yet.</summary>
    public static ExperimentResults From(Experiment experiment, IReadOnlyList<ArmTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(tallies);
        var byArm = tallies.ToDictionary(t => t.Arm);
        var all = experiment.Arms.Select((_, i) => byArm.GetValueOrDefault(i) ?? new ArmTally(i, [], 0, 0, 0)).ToList();
        var baseline = all[0];
        var arms = all.Select(t =>
        {
            var sorted = t.LatenciesMs.Order().ToList();
            var rated = t.Up + t.Down;
            return new ArmResults(
                t.Arm,
                experiment.Arms[t.Arm].Strategy,
                experiment.Arms[t.Arm].Percent,
                sorted.Count,
                ExperimentStatistics.Percentile(sorted, 50),
                ExperimentStatistics.Percentile(sorted, 95),
                ExperimentStatistics.Percentile(sorted, 99),
                sorted.Count == 0 ? null : (double)t.Empty / sorted.Count,
                t.Up,
                t.Down,
                rated == 0 ? null : (double)t.Up / rated,
                t.Arm == 0 ? null : ExperimentStatistics.TwoProportionZTest(baseline.Up, baseline.Up + baseline.Down, t.Up, rated));
        }).ToList();
        return new ExperimentResults(experiment, arms);
    }
}
