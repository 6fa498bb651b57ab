using DataDistiller.Core.Documents;

namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>What a new experiment must satisfy.</summary>
public static class ExperimentRules
{
    /// <summary>The fewest arms: one strategy alone compares nothing.</summary>
    public const int MinArms = 2;

    /// <summary>The most arms: each more arm needs more traffic before its figures mean anything.</summary>
    public const int MaxArms = 4;

    /// <summary>The longest name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The problems of a proposed experiment, by camelCase field name; empty when it is valid.</summary>
    public static Dictionary<string, string[]> Validate(string? name, string? collection, IReadOnlyList<ExperimentArm>? arms)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"The name is required and at most {MaxNameLength} characters."];
        }

        if (collection is not null && !CollectionName.IsValid(collection))
        {
            errors["collection"] = [$"Collection '{collection}' is not a valid name: use 1 to 64 lowercase letters, digits, '-' or '_'."];
        }

        var armErrors = ArmErrors(arms ?? []);
        if (armErrors.Count > 0)
        {
            errors["arms"] = [.. armErrors];
        }

        return errors;
    }

    private static List<string> ArmErrors(IReadOnlyList<ExperimentArm> arms)
    {
        var errors = new List<string>();
        if (arms.Count is < MinArms or > MaxArms)
        {
            errors.Add($"An experiment has {MinArms} to {MaxArms} arms, not {arms.Count}.");
        }

        for (var i = 0; i < arms.Count; i++)
        {
            if (arms[i] is null)
            {
                errors.Add($"Arm {i} is missing.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(arms[i].Strategy) || RetrievalStrategies.Find(arms[i].Strategy.Trim()) is null)
            {
                errors.Add($"Arm {i}: unknown strategy '{arms[i].Strategy}'. Known: {string.Join(", ", RetrievalStrategies.All.Select(s => s.Id))}.");
            }

            if (arms[i].Percent is < 1 or > 99)
            {
                errors.Add($"Arm {i}: the percent must be 1 to 99, not {arms[i].Percent}.");
            }
        }

        var sum = arms.Where(a => a is not null).Sum(a => (long)a.Percent);
        if (arms.Count > 0 && sum != 100)
        {
            errors.Add($"The arms' percents sum to {sum}, not 100.");
        }

        return errors;
    }
}
