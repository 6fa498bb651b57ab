namespace DataDistiller.Tests.Support;

/// <summary>The blob files of an embedded data directory: what uploads left on disk, whatever their keys.</summary>
internal static class StoredBlobs
{
    public static int Count(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "blobs");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count() : 0;
    }
}
