namespace DataDistiller.Infrastructure.Threading;

/// <summary>
/// Where a dedicated worker thread runs relative to the request threads. Applied on Linux only; elsewhere every thread
/// keeps the default priority.
/// </summary>
/// <param name="NiceIncrement">How far below the requests, as a nice increment (0 = the same priority).</param>
/// <param name="OnlyWhenIdle">
/// Linux's <c>SCHED_IDLE</c> policy: the thread gets a core only when no normal thread wants one, and a waking request
/// preempts it at once. A thread that is merely niced can keep the core for the rest of its time slice, a delay an
/// upload pays at every wakeup (socket read, file write, SQLite) while the cores are busy with background work. The nice
/// increment still applies where the policy is refused.
/// </param>
internal readonly record struct WorkerPriority(int NiceIncrement, bool OnlyWhenIdle)
{
    /// <summary>The requests' own priority, for work a request waits on.</summary>
    public static WorkerPriority Request => new(0, OnlyWhenIdle: false);

    /// <summary>Lowers the calling thread to this priority (it cannot be raised again without privilege).</summary>
    public void ApplyToCurrentThread()
    {
        ThreadNice.Lower(NiceIncrement);
        if (OnlyWhenIdle)
        {
            ThreadNice.RunOnlyWhenIdle();
        }
    }
}
