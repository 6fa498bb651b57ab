namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>An A/B split of live traffic between retrieval strategies.</summary>
/// <param name="Id">A version 7 Guid.</param>
/// <param name="Name">A name a person recognises.</param>
/// <param name="Collection">The collection it applies to, or null for every collection without its own experiment.</param>
/// <param name="Arms">2 to 4 arms whose percents sum to 100; an arm is known by its index.</param>
/// <param name="State">Running or stopped.</param>
/// <param name="CreatedAt">When it was created (and started).</param>
/// <param name="StoppedAt">When it was stopped, or null while running.</param>
public sealed record Experiment(
    Guid Id,
    string Name,
    string? Collection,
    IReadOnlyList<ExperimentArm> Arms,
    ExperimentState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StoppedAt)
{
    /// <summary>
    /// A running experiment from arms that passed <see cref="ExperimentRules.Validate"/>; each strategy is pinned to its
    /// full id, so a bare name keeps meaning the version that was current when the experiment started.
    /// </summary>
    public static Experiment Start(Guid id, string name, string? collection, IEnumerable<ExperimentArm> arms, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arms);
        var pinned = arms.Select(a => a with
        {
            Strategy = RetrievalStrategies.Find(a.Strategy.Trim())?.Id ?? throw new ArgumentException($"Unknown strategy '{a.Strategy}'.", nameof(arms)),
        });
        return new Experiment(id, name.Trim(), collection, [.. pinned], ExperimentState.Running, now, null);
    }

    /// <summary>The index of the arm <paramref name="subjectKey"/> always gets in this experiment.</summary>
    public int ArmFor(string subjectKey) => StickyAssignment.ArmIndex(Arms, StickyAssignment.Bucket(Id, subjectKey));
}
