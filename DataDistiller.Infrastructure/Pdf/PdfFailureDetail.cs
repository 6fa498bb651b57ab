namespace DataDistiller.Infrastructure.Pdf;

/// <summary>
/// A short, single-line hint from a parser exception for a failure reason: people see it, so no
/// stack-like internals, object dumps or unbounded text.
/// </summary>
internal static class PdfFailureDetail
{
    private const int MaxLength = 100;

    public static string Describe(Exception exception)
    {
        // Bugs surfaced by damaged input say nothing useful to a person.
        var message = exception is ArgumentException or NullReferenceException or IndexOutOfRangeException or InvalidCastException
            ? "damaged structure"
            : exception.Message;

        var firstSentence = message.Split(['.', '\n', '\r'], 2)[0].Trim();
        if (firstSentence.Length == 0)
        {
            return "unreadable structure";
        }

        return firstSentence.Length <= MaxLength ? firstSentence : string.Concat(firstSentence.AsSpan(0, MaxLength), "…");
    }
}
