using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Chat;

/// <summary>
/// Chat-model settings that are ours, not the connection's: the model when the connection string names none, the
/// request timeout, and the circuit breaker in front of the primary provider. Endpoints and keys stay in
/// <c>ConnectionStrings:ollama</c> / <c>ConnectionStrings:openai</c>.
/// </summary>
public sealed class ChatModelOptions
{
    public const string SectionName = "DataDistiller:Models:Chat";

    /// <summary>The model when the connection string has no <c>Model=</c>, e.g. <c>llama3.2</c>.</summary>
    public string? Model { get; set; }

    /// <summary>How long one call may take before it fails (and counts against the primary's circuit).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The share of failed calls to the primary, within <see cref="BreakerSamplingDuration"/>, that opens its circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The calls the primary must have had within the sampling window before its circuit can open.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>The window the failure ratio is measured over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit sends every call to the secondary before the primary is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
