namespace DataDistiller.Core.Ingestion;

/// <summary>A message that is not the JSON its topic carries. Permanent: the same bytes never become readable.</summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException()
    {
    }

    public PoisonMessageException(string message)
        : base(message)
    {
    }

    public PoisonMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
