namespace DataDistiller.Core.DeadLetters;

/// <summary>
/// A message set aside after its last attempt or a permanent error (topic <c>&lt;topic&gt;.dlq</c>, key = document id),
/// and the record the dead-letter store keeps of it.
/// </summary>
/// <param name="SchemaVersion">The message schema version.</param>
/// <param name="Id">The dead letter's id (Guid v7).</param>
/// <param name="Topic">The topic the failed message came from, and where a replay sends it.</param>
/// <param name="Key">The failed message's key.</param>
/// <param name="DocumentId">The document the message was about; null when the message could not be read.</param>
/// <param name="ErrorType">The kind of failure: the exception type name.</param>
/// <param name="Reason">Our own text for a person: what failed and what to do, never an infrastructure exception's message.</param>
/// <param name="Attempts">Attempts made, including the last.</param>
/// <param name="FirstFailedAt">When the first attempt failed.</param>
/// <param name="LastFailedAt">When the last attempt failed.</param>
/// <param name="Payload">The failed message's value, byte for byte.</param>
/// <param name="Headers">The failed message's headers without retry state.</param>
public sealed record DeadLetter(
    int SchemaVersion,
    Guid Id,
    string Topic,
    string Key,
    Guid? DocumentId,
    string ErrorType,
    string Reason,
    int Attempts,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt,
    ReadOnlyMemory<byte> Payload,
    IReadOnlyDictionary<string, string> Headers)
{
    public const int CurrentSchemaVersion = 1;
}
