using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataDistiller.Tests.Integration.Extraction;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class BadInputTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_WhenTypeIsUnsupported_ReturnsProblem415AndStoresNothing()
    {
        using var form = DocumentsClient.Form("bad-type", ("good.txt", Encoding.UTF8.GetBytes("fine text")), ("photo.png", [0x89, 0x50, 0x4E, 0x47]));
        var blobsBefore = StoredBlobs.Count(api.Factory.DataDirectory);

        using var response = await api.Client.PostAsync(form);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "photo.png");
        await AssertCollectionEmptyAsync("bad-type");
        Assert.Equal(blobsBefore, StoredBlobs.Count(api.Factory.DataDirectory));
    }

    [Fact]
    public async Task Upload_WhenBinaryIsNamedTxt_ReturnsProblem415()
    {
        using var form = DocumentsClient.Form(null, ("evil.txt", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x01]));

        using var response = await api.Client.PostAsync(form);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "evil.txt");
    }

    [Fact]
    public async Task Upload_WhenFileIsEmpty_ReturnsProblem400()
    {
        using var form = DocumentsClient.Form("bad-empty", ("empty.txt", []));

        using var response = await api.Client.PostAsync(form);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "empty");
        await AssertCollectionEmptyAsync("bad-empty");
    }

    [Fact]
    public async Task Upload_WhenBodyIsNotMultipart_ReturnsProblem415()
    {
        using var response = await api.Client.Http.PostAsJsonAsync("/api/v2/documents", new { files = "nope" }, _ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "multipart/form-data");
    }

    [Fact]
    public async Task Upload_WhenNoFilesField_ReturnsProblem400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "collection" } };

        using var response = await api.Client.PostAsync(form);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "'files'");
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("Upper")]
    [InlineData("a b")]
    [InlineData("abc\n")]
    public async Task Upload_WhenCollectionNameIsInvalid_ReturnsProblem400(string collection)
    {
        using var form = DocumentsClient.Form(collection, ("a.txt", Encoding.UTF8.GetBytes("text")));

        using var response = await api.Client.PostAsync(form);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Collection");
    }

    [Fact]
    public async Task Upload_WhenFileNameTraverses_KeepsOnlyTheLastSegment()
    {
        using var form = DocumentsClient.Form(null, ("../../../etc/passwd.txt", Encoding.UTF8.GetBytes("traversal attempt")));

        using var response = await api.Client.PostAsync(form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var document = (await DocumentsClient.ReadJsonAsync(response))["documents"]![0]!;
        Assert.Equal("passwd.txt", document["fileName"]!.GetValue<string>());
        // Blobs are stored under our own ids: the client's name never becomes a path, inside the data directory or out.
        Assert.Empty(Directory.GetFiles(api.Factory.DataDirectory, "*passwd*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_WhenFileIsOverTheLimit_ReturnsProblem413()
    {
        // Arrange: a host with a 1 KiB file limit
        using var dir = new TempDirectory();
        await using var factory = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?> { ["DataDistiller:Upload:MaxFileBytes"] = "1024" });
        var client = new DocumentsClient(factory.CreateClient());
        using var form = DocumentsClient.Form(null, ("big.txt", Encoding.UTF8.GetBytes(new string('a', 4096))));

        // Act
        using var response = await client.PostAsync(form);

        // Assert
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "1024");
    }

    [Fact]
    public async Task Upload_WhenTheSecondFileIsOverTheLimit_ReturnsProblem413AndStoresNeither()
    {
        using var dir = new TempDirectory();
        await using var factory = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?> { ["DataDistiller:Upload:MaxFileBytes"] = "1024" });
        var client = new DocumentsClient(factory.CreateClient());
        using var form = DocumentsClient.Form("two", ("small.txt", Encoding.UTF8.GetBytes("fits")), ("big.txt", Encoding.UTF8.GetBytes(new string('a', 4096))));

        using var response = await client.PostAsync(form);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "big.txt");
        Assert.Equal(0, StoredBlobs.Count(dir.Path));
        var list = await DocumentsClient.ReadJsonAsync(await client.Http.GetAsync("/api/v2/documents", _ct));
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upload_WhenTheClientHangsUpMidFile_StoresNothing()
    {
        // Arrange: the first file arrives whole, the second breaks off halfway through its bytes
        using var dir = new TempDirectory();
        await using var factory = new EmbeddedApiFactory(dir.Path);
        var client = new DocumentsClient(factory.CreateClient());
        using var form = new MultipartFormDataContent
        {
            { new StringContent("hang-up"), "collection" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("A whole first file.")), "files", "whole.txt" },
            { new StreamContent(new BreaksOffStream(Encoding.UTF8.GetBytes(new string('b', 64 * 1024)))), "files", "cut.txt" },
        };

        // Act
        await Assert.ThrowsAnyAsync<Exception>(() => client.PostAsync(form));

        // Assert: the stored first file is removed once the server sees the body end
        await Eventually.ReturnsAsync(() => Task.FromResult(StoredBlobs.Count(dir.Path)), count => count == 0, TimeSpan.FromSeconds(10), "the blobs of the broken upload are removed");
        var list = await DocumentsClient.ReadJsonAsync(await client.Http.GetAsync("/api/v2/documents?collection=hang-up", _ct));
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upload_WhenRequestIsOverTheLimit_ReturnsProblem413()
    {
        using var dir = new TempDirectory();
        await using var factory = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?> { ["DataDistiller:Upload:MaxRequestBytes"] = "2048" });
        var client = new DocumentsClient(factory.CreateClient());
        using var form = DocumentsClient.Form(null, ("big.txt", Encoding.UTF8.GetBytes(new string('a', 8192))));

        using var response = await client.PostAsync(form);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "limit");
    }

    [Fact]
    public async Task Upload_WhenPdfIsCorrupt_EndsFailedWithAReason()
    {
        var id = await api.Client.UploadAsync("broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not really a PDF at all\n%%EOF"));

        var status = await api.Client.WaitUntilEndedAsync(id);

        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Contains("corrupt", status["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(status["failedAt"]);
    }

    [Fact]
    public async Task Upload_WhenPdfHasNoText_EndsFailedSuggestingOcr()
    {
        var id = await api.Client.UploadAsync("blank.pdf", TestPdf.Build());

        var status = await api.Client.WaitUntilEndedAsync(id);

        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Contains("No extractable text", status["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("print_protection.pdf", "encrypted")]
    [InlineData("saslprep-r6.pdf", "encrypted")]
    [InlineData("scan-bad.pdf", "No extractable text")]
    [InlineData("images_1bit_grayscale.pdf", "No extractable text")]
    [InlineData("bug1020226.pdf", "corrupt")]
    [InlineData("xfa_issue14315.pdf", "XFA")]
    [InlineData("bomb_giant.pdf", "could not be read")]
    public async Task Upload_CorpusPdfThatCannotBeRead_EndsFailedWithAReasonAPersonCanActOn(string file, string reason)
    {
        if (SharedTestData.PdfCorpusDirectory is not { } corpus)
        {
            Assert.Skip(SharedTestData.AbsentReason);
            return;
        }

        var id = await api.Client.UploadAsync(file, await File.ReadAllBytesAsync(Path.Combine(corpus, file), _ct));

        var status = await api.Client.WaitUntilEndedAsync(id);

        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Contains(reason, status["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetStatus_WhenUnknown_ReturnsProblem404()
    {
        using var response = await api.Client.Http.GetAsync($"/api/v2/documents/{Guid.NewGuid()}", _ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No document");
    }

    [Theory]
    [InlineData("/api/v2/documents?status=done")]
    [InlineData("/api/v2/documents?status=1")]
    [InlineData("/api/v2/documents?page=0")]
    [InlineData("/api/v2/documents?pageSize=1000")]
    public async Task List_WhenQueryIsInvalid_ReturnsProblem400(string url)
    {
        using var response = await api.Client.Http.GetAsync(url, _ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, string.Empty);
    }

    [Theory]
    [InlineData("{\"question\": \"\"}")]
    [InlineData("{\"question\": \"   \"}")]
    [InlineData("{\"collection\": \"default\"}")]
    [InlineData("{\"question\": \"ok\", \"k\": 0}")]
    [InlineData("{\"question\": \"ok\", \"collection\": \"../x\"}")]
    [InlineData("{\"question\": ")]
    [InlineData("not json")]
    public async Task Search_WhenBodyIsInvalid_ReturnsProblem400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await api.Client.Http.PostAsync("/api/v2/search", content, _ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, string.Empty);
    }

    [Fact]
    public async Task Search_WhenFieldsAreInvalid_NamesThemInCamelCase()
    {
        using var content = new StringContent("{\"question\": \"\", \"k\": 0}", Encoding.UTF8, "application/json");

        using var response = await api.Client.Http.PostAsync("/api/v2/search", content, _ct);

        var errors = (await DocumentsClient.ReadJsonAsync(response))["errors"]!.AsObject();
        Assert.Equal(["question", "k"], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Search_WhenCollectionIsUnknown_ReturnsNoHits()
    {
        var hits = await api.Client.SearchAsync("anything at all", "never-created");

        Assert.Empty(hits);
    }

    [Theory]
    [InlineData("/api/v2/search", "{\"question\": ", "application/json", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("/api/v2/search", "{\"question\": \"q\", \"k\": \"five\"}", "application/json", HttpStatusCode.BadRequest, "wrong type")]
    [InlineData("/api/v2/query", "", "application/json", HttpStatusCode.BadRequest, "empty")]
    [InlineData("/api/v2/search", "question=q", "text/plain", HttpStatusCode.UnsupportedMediaType, "application/json")]
    public async Task JsonRoutes_WhenTheBodyCannotBeRead_ReturnProblemWithAClearDetail(
        string route, string body, string contentType, HttpStatusCode status, string detailContains)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);

        using var response = await api.Client.Http.PostAsync(route, content, _ct);

        await AssertProblemAsync(response, status, detailContains);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.NotNull(problem["title"]);
        var detail = problem["detail"]?.GetValue<string>() ?? problem["errors"]?.ToJsonString() ?? string.Empty;
        Assert.Contains(detailContains, detail, StringComparison.Ordinal);
    }

    private async Task AssertCollectionEmptyAsync(string collection)
    {
        var list = await DocumentsClient.ReadJsonAsync(await api.Client.Http.GetAsync($"/api/v2/documents?collection={collection}", _ct));
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    // Sends half its bytes, then fails as a client whose connection drops.
    private sealed class BreaksOffStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= Length / 2
                ? throw new IOException("The connection dropped.")
                : await base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, (Length / 2) - Position)], cancellationToken);
    }
}
