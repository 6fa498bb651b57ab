using System.Net;
using System.Text;
using DataDistiller.Tests.Integration.Extraction;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class IngestionEndToEndTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private const string Lighthouse =
        "The Zephyrine lighthouse keeper logs every passing ship in a green ledger. " +
        "Its lamp was converted from whale oil to kerosene in the spring of 1871.";

    [Fact]
    public async Task Upload_SingleFile_Returns202WithIdsStatusUrlAndLocation()
    {
        // Arrange
        using var form = DocumentsClient.Form(null, ("notes.txt", Encoding.UTF8.GetBytes("Accepted quickly. " + Lighthouse)));

        // Act
        using var response = await api.Client.PostAsync(form);
        var body = await DocumentsClient.ReadJsonAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var document = Assert.Single(body["documents"]!.AsArray())!.AsObject();
        Assert.Equal(["documentId", "jobId", "fileName", "status", "statusUrl"], document.Select(p => p.Key));
        Assert.Equal("accepted", document["status"]!.GetValue<string>());
        Assert.Equal("notes.txt", document["fileName"]!.GetValue<string>());
        var id = document["documentId"]!.GetValue<Guid>();
        Assert.Equal($"/api/v2/documents/{id}", document["statusUrl"]!.GetValue<string>());
        Assert.Equal($"/api/v2/documents/{id}", response.Headers.Location!.OriginalString);
        await api.Client.WaitUntilIndexedAsync(id);
    }

    [Fact]
    public async Task Upload_TextFile_IsIndexedAndFoundByBothLegs()
    {
        // Arrange
        var text = string.Join("\n\n", Enumerable.Range(0, 12).Select(i => $"Paragraph {i} talks about gardening, soil and the weather of week {i}.")) +
            "\n\n" + Lighthouse;
        var id = await api.Client.UploadAsync("lighthouse.txt", Encoding.UTF8.GetBytes(text), "e2e-text");

        // Act
        var status = await api.Client.WaitUntilIndexedAsync(id);
        var hits = await api.Client.SearchAsync("When was the Zephyrine lighthouse lamp converted to kerosene?", "e2e-text");

        // Assert
        Assert.Equal(100, status["progress"]!.GetValue<int>());
        Assert.Equal(status["chunksTotal"]!.GetValue<int>(), status["chunksDone"]!.GetValue<int>());
        Assert.NotNull(status["indexedAt"]);
        var top = hits[0]!.AsObject();
        Assert.Equal(id, top["documentId"]!.GetValue<Guid>());
        Assert.Equal("lighthouse.txt", top["fileName"]!.GetValue<string>());
        Assert.Contains("kerosene", top["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, top["dense"]!["rank"]!.GetValue<int>());
        Assert.Equal(1, top["bm25"]!["rank"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upload_Pdf_KeepsPageNumbersOnHits()
    {
        // Arrange
        var pdf = TestPdf.Build(
            ["Chapter one describes the harbour at dawn.", "Fishing boats return with their catch."],
            ["The quarantine station on Pellworth island", "opened in 1893 to inspect arriving sailors."]);
        var id = await api.Client.UploadAsync("harbour.pdf", pdf, "e2e-pdf");

        // Act
        await api.Client.WaitUntilIndexedAsync(id);
        var hits = await api.Client.SearchAsync("When did the Pellworth quarantine station open?", "e2e-pdf");

        // Assert
        var top = hits[0]!.AsObject();
        Assert.Contains("Pellworth", top["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, top["pageEnd"]!.GetValue<int>());
        Assert.NotNull(top["dense"]);
        Assert.NotNull(top["bm25"]);
    }

    [Fact]
    public async Task Upload_ManyFilesOfEveryType_AcceptsEachIntoTheCollection()
    {
        // Arrange
        using var form = DocumentsClient.Form(
            "e2e-mixed",
            ("a.md", Encoding.UTF8.GetBytes("# Otters\n\nSea otters hold hands while sleeping so they do not drift apart.")),
            ("b.html", Encoding.UTF8.GetBytes("<html><head><title>Bees</title><script>var hidden = 'script text';</script></head><body><p>Honeybees dance to show where flowers are.</p></body></html>")),
            ("c.txt", Encoding.UTF8.GetBytes("Basalt columns form when lava cools slowly.")));

        // Act
        using var response = await api.Client.PostAsync(form, "/api/v2/documents/upload");
        var documents = (await DocumentsClient.ReadJsonAsync(response))["documents"]!.AsArray();
        foreach (var document in documents)
        {
            await api.Client.WaitUntilIndexedAsync(document!["documentId"]!.GetValue<Guid>());
        }

        var list = await DocumentsClient.ReadJsonAsync(
            await api.Client.Http.GetAsync("/api/v2/documents?collection=e2e-mixed&status=indexed&pageSize=2", TestContext.Current.CancellationToken));
        var bees = await api.Client.SearchAsync("How do honeybees show where flowers are?", "e2e-mixed");
        var script = await api.Client.SearchAsync("hidden script text", "e2e-mixed");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(3, documents.Count);
        Assert.Equal(3, list["total"]!.GetValue<int>());
        Assert.Equal(2, list["items"]!.AsArray().Count);
        Assert.Equal("b.html", bees[0]!["fileName"]!.GetValue<string>());
        Assert.DoesNotContain(script, h => h!["text"]!.GetValue<string>().Contains("script text", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alphatrans.pdf", "Powered by TCPDF")]
    [InlineData("research/arxiv-2007.01282.pdf", "Leveraging Passage Retrieval")]
    public async Task Upload_CorpusPdf_IsIndexedAndItsKnownSentenceFoundByBothLegs(string file, string mustContain)
    {
        // Arrange
        if (SharedTestData.PdfCorpusDirectory is not { } corpus)
        {
            Assert.Skip(SharedTestData.AbsentReason);
            return;
        }

        var id = await api.Client.UploadAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(Path.Combine(corpus, file), TestContext.Current.CancellationToken), "e2e-corpus");

        // Act
        await api.Client.WaitUntilIndexedAsync(id);
        var hits = await api.Client.SearchAsync(mustContain, "e2e-corpus", k: 40);

        // Assert
        var ours = hits.Where(h => h!["documentId"]!.GetValue<Guid>() == id && h["text"]!.GetValue<string>().Contains(mustContain, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.Contains(ours, h => h!["dense"] is not null);
        Assert.Contains(ours, h => h!["bm25"] is not null);
    }
}
