namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Holds an exclusive lock on the data directory for the life of the process. The embedded bus coordinates its
/// consumer groups in memory, so two processes on one directory would each consume everything; the second one
/// fails at start with a clear message instead.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = ".lock";

    // A lock can outlive its holder briefly: a child process forked at that moment (any Process.Start in the same
    // process) shares the open file until it execs, and a restarting service may start before the old one has exited.
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _lock;

    public DataDirectoryLock(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var deadline = Environment.TickCount64 + (long)s_wait.TotalMilliseconds;
        while (true)
        {
            try
            {
                _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return;
            }
            catch (IOException ex) when (Environment.TickCount64 >= deadline)
            {
                throw new InvalidOperationException(
                    $"The data directory {dataDirectory} is in use by another DataDistiller process. The embedded mode runs in one " +
                    "process: stop the other one, or give this one its own DataDistiller:DataDirectory.", ex);
            }
            catch (IOException)
            {
                Thread.Sleep(s_retry);
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
