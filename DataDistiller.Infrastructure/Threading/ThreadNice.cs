using System.Runtime.InteropServices;

namespace DataDistiller.Infrastructure.Threading;

/// <summary>Lowers the calling thread's scheduling priority on Linux, so request threads preempt it at once.</summary>
internal static partial class ThreadNice
{
    private const int PrioProcess = 0;

    public static void Lower(int niceIncrement)
    {
        if (niceIncrement > 0 && OperatingSystem.IsLinux())
        {
            // Raising nice needs no privilege; a failure (e.g. a seccomp policy) only leaves the default priority.
            _ = SetPriority(PrioProcess, GetThreadId(), niceIncrement);
        }
    }

    /// <summary>The calling thread's nice value (Linux only; tests read it).</summary>
    public static int Current()
    {
        Marshal.SetLastPInvokeError(0);
        return GetPriority(PrioProcess, GetThreadId());
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
