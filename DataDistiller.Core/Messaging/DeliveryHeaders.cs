using System.Globalization;

namespace DataDistiller.Core.Messaging;

/// <summary>
/// Headers of a redelivered message. Retry state travels in headers, not in the JSON value, so a message that
/// cannot even be read (poison) can still be counted, delayed and dead-lettered byte for byte.
/// </summary>
public static class DeliveryHeaders
{
    /// <summary>The number of the next attempt, from 1; absent on a first delivery.</summary>
    public const string Attempt = "dd-attempt";

    /// <summary>Unix milliseconds before which a consumer must not process the message.</summary>
    public const string NotBefore = "dd-not-before";

    /// <summary>Unix milliseconds of the message's first failure.</summary>
    public const string FirstFailedAt = "dd-first-failed-at";

    public static int AttemptOf(ConsumedMessage message) =>
        Read(message, Attempt) is { } attempt && attempt > 0 ? (int)Math.Min(attempt, int.MaxValue) : 1;

    public static DateTimeOffset? NotBeforeOf(ConsumedMessage message) => Time(Read(message, NotBefore));

    public static DateTimeOffset? FirstFailedAtOf(ConsumedMessage message) => Time(Read(message, FirstFailedAt));

    /// <summary>The headers with this class's retry state removed: what a replay starts from.</summary>
    public static Dictionary<string, string> WithoutRetryState(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Where(h => h.Key is not (Attempt or NotBefore or FirstFailedAt)).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The headers of a message handed back for attempt <paramref name="nextAttempt"/>, not before <paramref name="notBefore"/>.</summary>
    public static Dictionary<string, string> ForRedelivery(
        IReadOnlyDictionary<string, string> headers, int nextAttempt, DateTimeOffset firstFailedAt, DateTimeOffset notBefore)
    {
        var result = WithoutRetryState(headers);
        result[Attempt] = nextAttempt.ToString(CultureInfo.InvariantCulture);
        result[FirstFailedAt] = firstFailedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        result[NotBefore] = notBefore.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return result;
    }

    private static long? Read(ConsumedMessage message, string header)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Headers.TryGetValue(header, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static DateTimeOffset? Time(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
