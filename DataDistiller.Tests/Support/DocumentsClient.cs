using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>Calls the documents and search routes the way a client would, and waits for documents to end.</summary>
public sealed class DocumentsClient(HttpClient http)
{
    public static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(3);

    public HttpClient Http => http;

    public static MultipartFormDataContent Form(string? collection, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }

        if (collection is not null)
        {
            form.Add(new StringContent(collection), "collection");
        }

        return form;
    }

    public Task<HttpResponseMessage> PostAsync(MultipartFormDataContent form, string route = "/api/v2/documents") =>
        http.PostAsync(route, form, TestContext.Current.CancellationToken);

    /// <summary>Uploads one file and returns its document id; asserts the 202.</summary>
    public async Task<Guid> UploadAsync(string name, byte[] bytes, string? collection = null)
    {
        using var form = Form(collection, (name, bytes));
        using var response = await PostAsync(form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadJsonAsync(response);
        return body["documents"]![0]!["documentId"]!.GetValue<Guid>();
    }

    public async Task<JsonObject> StatusAsync(Guid id)
    {
        using var response = await http.GetAsync($"/api/v2/documents/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>Waits until the document is indexed or failed and returns its last status.</summary>
    public Task<JsonObject> WaitUntilEndedAsync(Guid id) =>
        Eventually.ReturnsAsync(
            () => StatusAsync(id),
            s => s["status"]!.GetValue<string>() is "indexed" or "failed",
            IngestTimeout,
            $"document {id} to end");

    public async Task<JsonObject> WaitUntilIndexedAsync(Guid id)
    {
        var status = await WaitUntilEndedAsync(id);
        Assert.True(status["status"]!.GetValue<string>() == "indexed", $"Document {id} ended {status.ToJsonString()}");
        return status;
    }

    public async Task<JsonArray> SearchAsync(string question, string? collection = null, int k = 10, string? strategy = null) =>
        (await SearchResponseAsync(question, collection, k, strategy))["hits"]!.AsArray();

    public async Task<JsonObject> SearchResponseAsync(string question, string? collection, int k, string? strategy)
    {
        using var response = await http.PostAsJsonAsync("/api/v2/search", new { question, collection, k, strategy }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)?.AsObject() ?? throw new JsonException($"Not a JSON object: {text}");
    }
}
