using DataDistiller.Core.Extraction;
using DataDistiller.Core.Retrieval;

namespace DataDistiller.Core.Ingestion;

/// <summary>Why a message failed, in words a person can act on, and whether trying again could help.</summary>
public sealed record MessageFailure(bool IsPermanent, string ErrorType, string Reason)
{
    public const string PoisonReason = "The message is not readable (not the JSON its topic carries); it was set aside without retries.";

    /// <summary>
    /// Classifies <paramref name="exception"/> from <paramref name="stage"/> ("Splitting", "Embedding"). Only our own
    /// exceptions lend their text to the reason; an infrastructure message may hold hosts, paths or content.
    /// </summary>
    public static MessageFailure Classify(Exception exception, string stage, int attempts)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception.GetType().Name;
        return exception switch
        {
            ExtractionException => new(true, type, exception.Message),
            EmbeddingModelMismatchException mismatch => new(true, type, mismatch.Reason),
            PoisonMessageException => new(true, type, PoisonReason),
            _ => new(false, type, $"{stage} failed after {attempts} attempts ({type}); see the service logs, fix the cause and replay the dead letter."),
        };
    }
}
