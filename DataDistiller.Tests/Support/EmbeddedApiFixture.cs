namespace DataDistiller.Tests.Support;

/// <summary>One embedded Api host (model loaded once) shared by a test class, on a throwaway data directory.</summary>
public sealed class EmbeddedApiFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public EmbeddedApiFixture()
    {
        Factory = new EmbeddedApiFactory(_dir.Path);
        Client = new DocumentsClient(Factory.CreateClient());
    }

    public EmbeddedApiFactory Factory { get; }

    public DocumentsClient Client { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _dir.Dispose();
    }
}
