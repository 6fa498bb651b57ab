using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Api.Features.Documents;

/// <summary>How uploads with an Idempotency-Key header are remembered.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "DataDistiller:Idempotency";

    /// <summary>How long a key is remembered; a retry after that is a new request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);
}
