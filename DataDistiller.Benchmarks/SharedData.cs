namespace DataDistiller.Benchmarks;

/// <summary>The evaluation data lives beside the repository (<c>../shared/data</c>), never inside it.</summary>
internal static class SharedData
{
    private const string SolutionFile = "DataDistiller.sln";

    /// <summary>The shared data directory, or null when the repository root or the directory is not found.</summary>
    public static string? FindDirectory()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                var data = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }
}
