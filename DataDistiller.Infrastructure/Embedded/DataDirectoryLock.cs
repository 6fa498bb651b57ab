namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Holds an exclusive lock on the data directory for the life of the process. The embedded bus coordinates its
/// consumer groups in memory, so two processes on one directory would each consume everything; the second one
/// fails at start with a clear message instead.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _lock;

    public DataDirectoryLock(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The data directory {dataDirectory} is in use by another DataDistiller process. The embedded mode runs in one " +
                "process: stop the other one, or give this one its own DataDistiller:DataDirectory.", ex);
        }
    }

    public void Dispose() => _lock.Dispose();
}
