using System.Text.RegularExpressions;

namespace DataDistiller.Core.Documents;

/// <summary>Rules for collection names: lowercase letters, digits, '-' and '_', 1 to 64 characters.</summary>
public static partial class CollectionName
{
    public const string Default = "default";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
