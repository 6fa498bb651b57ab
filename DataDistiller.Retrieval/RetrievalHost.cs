namespace DataDistiller.Retrieval;

/// <summary>A public type of the Retrieval host, so tests can start it with WebApplicationFactory.</summary>
public sealed class RetrievalHost
{
    private RetrievalHost()
    {
    }
}
