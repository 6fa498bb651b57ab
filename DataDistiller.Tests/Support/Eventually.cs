using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>Polls a condition until it holds or a generous timeout passes (no fixed sleeps).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}; last value: {last}");
    }
}
