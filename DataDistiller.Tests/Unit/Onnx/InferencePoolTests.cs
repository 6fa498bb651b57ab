using System.Collections.Concurrent;
using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Infrastructure.Threading;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Onnx;

public sealed class InferencePoolTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunBatchesAsync_WhenUrgentCallQueuedBehindNormalOnes_RunsUrgentBatchesFirst()
    {
        // Arrange: one worker, held inside the first batch of a normal call while more work queues up.
        using var pool = new InferencePool("test", workerCount: 1, WorkerPriority.Request);
        var ct = TestContext.Current.CancellationToken;
        using var started = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var ran = new ConcurrentQueue<string>();
        var blocking = pool.RunBatchesAsync(1, (_, _) => Record(ran, "blocking", () => { started.Set(); gate.Wait(s_timeout, ct); }), urgent: false, ct);
        Assert.True(started.Wait(s_timeout, ct));
        var normal = pool.RunBatchesAsync(2, (i, _) => Record(ran, $"normal{i}"), urgent: false, ct);
        var urgent = pool.RunBatchesAsync(2, (i, _) => Record(ran, $"urgent{i}"), urgent: true, ct);

        // Act
        gate.Set();
        await Task.WhenAll(blocking, normal, urgent);

        // Assert
        Assert.Equal(["blocking", "urgent0", "urgent1", "normal0", "normal1"], ran);
    }

    [Fact]
    public async Task RunBatchesAsync_WithTwoWorkers_RunsOneCallsBatchesConcurrently()
    {
        // Arrange: each batch waits for the other at a barrier, which only two concurrent batches can pass.
        using var pool = new InferencePool("test", workerCount: 2, WorkerPriority.Request);
        using var barrier = new Barrier(2);
        var threads = new ConcurrentBag<int>();

        // Act
        var met = await pool.RunBatchesAsync(
            2,
            (_, _) =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                return barrier.SignalAndWait(s_timeout, TestContext.Current.CancellationToken);
            },
            urgent: false,
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([true, true], met);
        Assert.Equal(2, threads.Distinct().Count());
    }

    [Fact]
    public async Task RunBatchesAsync_ReturnsEachBatchResultAtItsIndex()
    {
        // Arrange
        using var pool = new InferencePool("test", workerCount: 2, WorkerPriority.Request);

        // Act
        var results = await pool.RunBatchesAsync(20, (i, _) => i * 10, urgent: false, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 10), results);
    }

    [Fact]
    public async Task RunBatchesAsync_WhenABatchThrows_FaultsTheCallWithThatExceptionAndKeepsWorking()
    {
        // Arrange
        using var pool = new InferencePool("test", workerCount: 2, WorkerPriority.Request);
        var ct = TestContext.Current.CancellationToken;

        // Act
        var failing = pool.RunBatchesAsync(3, (i, _) => i == 1 ? throw new InvalidOperationException("batch 1 failed") : i, urgent: false, ct);

        // Assert
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("batch 1 failed", error.Message);
        Assert.Equal(42, await pool.RunAsync(() => 42, urgent: false, ct));
    }

    [Fact]
    public async Task RunBatchesAsync_WhenCancelledWhileQueued_CancelsAtOnceAndNeverRunsTheBatches()
    {
        // Arrange: the only worker is held, so the call stays queued.
        using var pool = new InferencePool("test", workerCount: 1, WorkerPriority.Request);
        var ct = TestContext.Current.CancellationToken;
        using var started = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var blocking = pool.RunAsync(() => { started.Set(); return gate.Wait(s_timeout, ct); }, urgent: false, ct);
        Assert.True(started.Wait(s_timeout, ct));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ranQueued = 0;
        var queued = pool.RunBatchesAsync(2, (_, _) => Interlocked.Increment(ref ranQueued), urgent: false, cts.Token);

        // Act
        await cts.CancelAsync();

        // Assert: answered while the worker is still held, and skipped once it is free.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.False(blocking.IsCompleted);
        gate.Set();
        Assert.True(await blocking);
        Assert.Equal(1, await pool.RunAsync(() => 1, urgent: false, ct));
        Assert.Equal(0, Volatile.Read(ref ranQueued));
    }

    [Fact]
    public async Task RunAsync_OnLinux_RunsOnWorkersAtThePoolsPriority()
    {
        // Arrange
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Thread priorities are lowered on Linux only.");
        using var pool = new InferencePool("test", workerCount: 1, new WorkerPriority(NiceIncrement: 3, OnlyWhenIdle: true));

        // Act
        var (nice, idle) = await pool.RunAsync(() => (ThreadNice.Current(), ThreadNice.RunsOnlyWhenIdle()), urgent: false, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(ThreadNice.Current() + 3, nice);
        Assert.True(idle);
    }

    [Fact]
    public async Task RunBatchesAsync_WhenABatchObservesCancellation_ReportsTheCallCancelled()
    {
        // Arrange
        using var pool = new InferencePool("test", workerCount: 1, WorkerPriority.Request);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // Act: the batch is the one that notices (as a terminated ONNX run does).
        var call = pool.RunBatchesAsync(
            1,
            (_, token) =>
            {
                cts.Cancel();
                token.ThrowIfCancellationRequested();
                return 0;
            },
            urgent: false,
            cts.Token);

        // Assert
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Dispose_WithQueuedBatches_RunsThemBeforeReturningAndRefusesNewWork()
    {
        // Arrange: the only worker is held while a call queues behind it.
        var pool = new InferencePool("test", workerCount: 1, WorkerPriority.Request);
        var ct = TestContext.Current.CancellationToken;
        using var started = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var blockingRan = false;
        var blocking = pool.RunAsync(
            () =>
            {
                started.Set();
                var opened = gate.Wait(s_timeout, ct);
                blockingRan = true;
                return opened;
            },
            urgent: false,
            ct);
        Assert.True(started.Wait(s_timeout, ct));
        var queued = pool.RunBatchesAsync(3, (i, _) => i + 1, urgent: false, ct);

        // Act
        var disposing = Task.Run(pool.Dispose, ct);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(IsRefused(pool)),
            refused => refused,
            s_timeout,
            "the disposing pool to refuse new work");
        Assert.False(disposing.IsCompleted);
        gate.Set();
        await disposing.WaitAsync(s_timeout, ct);

        // Assert: the batch ran before Dispose returned (Dispose joins the worker); the caller's task completes just after,
        // on the thread pool, so it is awaited rather than read.
        Assert.True(blockingRan);
        Assert.True(await blocking);
        var results = await queued;
        Assert.Equal([1, 2, 3], results);
    }

    [Fact]
    public async Task RunBatchesAsync_AfterDispose_FailsWithObjectDisposed()
    {
        // Arrange
        var pool = new InferencePool("test", workerCount: 2, WorkerPriority.Request);
        pool.Dispose();

        // Act
        var call = pool.RunAsync(() => 1, urgent: true, TestContext.Current.CancellationToken);

        // Assert
        await Assert.ThrowsAsync<ObjectDisposedException>(() => call);
    }

    [Fact]
    public async Task Invoke_OnAWorker_RunsInlineInsteadOfWaitingForAnotherWorker()
    {
        // Arrange: with one worker, queueing the nested call would wait on itself forever.
        using var pool = new InferencePool("test", workerCount: 1, WorkerPriority.Request);

        // Act
        var result = await pool.RunAsync(() => pool.Invoke(() => 7) * 6, urgent: false, TestContext.Current.CancellationToken)
            .WaitAsync(s_timeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(42, result);
    }

    // A refused call fails at once; an accepted one is left to the drain (awaiting it here would wait on the held worker).
    private static bool IsRefused(InferencePool pool) =>
        pool.RunAsync(() => 0, urgent: true, TestContext.Current.CancellationToken).Exception?.InnerException is ObjectDisposedException;

    private static int Record(ConcurrentQueue<string> ran, string name, Action? work = null)
    {
        ran.Enqueue(name);
        work?.Invoke();
        return 0;
    }
}
