using DataDistiller.Infrastructure.Threading;
using Xunit;

namespace DataDistiller.Tests.Unit.Threading;

public sealed class BackgroundCpuSchedulerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Run_RunsTheWorkOnTheSchedulersOwnThread()
    {
        using var scheduler = new BackgroundCpuScheduler("test-cpu", threadCount: 1, WorkerPriority.Request);

        var thread = await scheduler.Run(() => Thread.CurrentThread, TestContext.Current.CancellationToken);

        Assert.NotSame(Thread.CurrentThread, thread);
        Assert.Equal("test-cpu-0", thread.Name);
        Assert.True(thread.IsBackground);
    }

    [Fact]
    public async Task Run_OnLinux_RunsTheWorkBelowTheCallersPriority()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Thread priorities (nice) are lowered on Linux only.");
        using var scheduler = new BackgroundCpuScheduler("test-cpu", threadCount: 1, new WorkerPriority(NiceIncrement: 5, OnlyWhenIdle: false));

        var nice = await scheduler.Run(ThreadNice.Current, TestContext.Current.CancellationToken);

        Assert.Equal(ThreadNice.Current() + 5, nice);
    }

    [Fact]
    public async Task Run_OnLinux_WithTheSharedSchedulersPriority_RunsTheWorkOnlyWhenACoreIsIdle()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The SCHED_IDLE policy exists on Linux only.");
        using var scheduler = new BackgroundCpuScheduler("test-cpu", threadCount: 1, BackgroundCpuScheduler.Priority);

        var idle = await scheduler.Run(ThreadNice.RunsOnlyWhenIdle, TestContext.Current.CancellationToken);

        Assert.True(idle);
        Assert.False(ThreadNice.RunsOnlyWhenIdle());
    }

    [Fact]
    public async Task Run_WhenTheCallerBlocksOnTheTask_NeverRunsTheWorkInlineOnTheCallersThread()
    {
        // Arrange: the only thread is held, so the second task can run only if the waiting caller inlines it.
        var ct = TestContext.Current.CancellationToken;
        using var scheduler = new BackgroundCpuScheduler("test-cpu", threadCount: 1, WorkerPriority.Request);
        using var started = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var holding = scheduler.Run(() => { started.Set(); return gate.Wait(s_timeout, ct); }, ct);
        Assert.True(started.Wait(s_timeout, ct));
        var queued = scheduler.Run(() => Thread.CurrentThread, ct);

        // Act: a blocking wait is what would inline the task, so it is the point of this test.
#pragma warning disable xUnit1031
        var ranWhileHeld = queued.Wait(TimeSpan.FromMilliseconds(200), ct);
#pragma warning restore xUnit1031
        gate.Set();

        // Assert
        Assert.False(ranWhileHeld);
        Assert.True(await holding);
        Assert.Equal("test-cpu-0", (await queued).Name);
    }
}
