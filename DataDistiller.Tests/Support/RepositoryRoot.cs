namespace DataDistiller.Tests.Support;

/// <summary>The folder that holds DataDistiller.sln, found from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Locate();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DataDistiller.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No DataDistiller.sln above {AppContext.BaseDirectory}.");
    }
}
