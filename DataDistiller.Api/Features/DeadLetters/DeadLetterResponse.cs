using System.Text;
using DataDistiller.Core.DeadLetters;

namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>A dead letter as an operator sees it; the payload is the failed message's JSON text as it was sent.</summary>
public sealed record DeadLetterResponse(
    Guid Id,
    string Topic,
    string Key,
    Guid? DocumentId,
    string ErrorType,
    string Reason,
    int Attempts,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt,
    string Payload)
{
    public static DeadLetterResponse From(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        // Lenient decoding: a poison message may not even be UTF-8, and the operator still needs to see it.
        return new(
            letter.Id, letter.Topic, letter.Key, letter.DocumentId, letter.ErrorType, letter.Reason, letter.Attempts,
            letter.FirstFailedAt, letter.LastFailedAt, Encoding.UTF8.GetString(letter.Payload.Span));
    }
}
