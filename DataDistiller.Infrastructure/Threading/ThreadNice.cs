using System.Runtime.InteropServices;

namespace DataDistiller.Infrastructure.Threading;

/// <summary>Lowers the calling thread's scheduling priority on Linux, so request threads preempt it.</summary>
internal static partial class ThreadNice
{
    private const int PrioProcess = 0;
    private const int SchedIdle = 5;
    private const int CallingThread = 0;

    public static void Lower(int niceIncrement)
    {
        if (niceIncrement > 0 && OperatingSystem.IsLinux())
        {
            // Raising nice needs no privilege; a failure (e.g. a seccomp policy) only leaves the default priority.
            _ = SetPriority(PrioProcess, GetThreadId(), niceIncrement);
        }
    }

    /// <summary>Moves the calling thread to the <c>SCHED_IDLE</c> policy (Linux only): it runs only on otherwise idle cores.</summary>
    public static void RunOnlyWhenIdle()
    {
        if (OperatingSystem.IsLinux())
        {
            // Like raising nice, moving to a lower policy needs no privilege; a refusal leaves the thread at its nice value.
            var parameters = 0;
            _ = SetScheduler(CallingThread, SchedIdle, ref parameters);
        }
    }

    /// <summary>Whether the calling thread runs under <c>SCHED_IDLE</c> (Linux only; tests read it).</summary>
    public static bool RunsOnlyWhenIdle() => OperatingSystem.IsLinux() && GetScheduler(CallingThread) == SchedIdle;

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

    // The parameter block is one int, the static priority, which SCHED_IDLE requires to be 0.
    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, ref int parameters);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int GetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
