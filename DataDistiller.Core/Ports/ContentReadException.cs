namespace DataDistiller.Core.Ports;

/// <summary>
/// The content stream handed to a store failed (a client hung up, sent a malformed body or too many bytes): the fault is
/// the source's, so it never counts against the store's health.
/// </summary>
public class ContentReadException : IOException
{
    public ContentReadException()
    {
    }

    public ContentReadException(string message)
        : base(message)
    {
    }

    public ContentReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
