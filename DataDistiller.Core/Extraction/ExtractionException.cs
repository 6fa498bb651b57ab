namespace DataDistiller.Core.Extraction;

/// <summary>
/// The document cannot be read, for a reason a person can act on ("PDF is encrypted"). Permanent: retrying
/// the same bytes fails the same way.
/// </summary>
public sealed class ExtractionException : Exception
{
    public ExtractionException()
    {
    }

    public ExtractionException(string reason)
        : base(reason)
    {
    }

    public ExtractionException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
