using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Endpoints.Security;

/// <summary>
/// One token bucket per tenant (per remote address for anonymous callers): a burst of <see cref="TokenLimit"/>
/// requests, refilled by <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "DataDistiller:RateLimits";

    public bool Enabled { get; set; } = true;

    [Range(1, int.MaxValue)]
    public int TokenLimit { get; set; } = 1000;

    [Range(1, int.MaxValue)]
    public int TokensPerPeriod { get; set; } = 200;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
