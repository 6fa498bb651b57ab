using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed partial class OpenApiDocumentTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task OpenApi_EveryRoute_IsDocumentedWithASummaryASuccessAndProblemAnswers()
    {
        // Arrange
        var paths = (await ReadDocumentAsync()).GetProperty("paths");
        var routes = ApiRoutes().ToList();
        Assert.NotEmpty(routes);

        // Act + Assert: every mapped route is an operation with a summary, a 2xx and ProblemDetails 4xx answers.
        foreach (var (method, path) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            // A WebSocket route succeeds with 101 Switching Protocols, not a 2xx.
            Assert.Contains(responses, r => r.Name.StartsWith('2') || r.Name == "101");
            var problems = responses.Where(r => r.Name.StartsWith('4')).ToList();
            Assert.True(problems.Count > 0, $"{method} {path} documents no 4xx answer");
            Assert.All(problems, r => Assert.True(
                r.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {r.Name} is not ProblemDetails"));
        }
    }

    [Fact]
    public async Task OpenApi_EveryRequestBody_HasASchemaWithAnExample()
    {
        // Arrange
        var document = await ReadDocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var bodies = 0;

        // Act + Assert
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("requestBody", out var body))
                {
                    continue;
                }

                foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => m.Name == "application/json"))
                {
                    bodies++;
                    var schema = media.Value.GetProperty("schema");
                    if (schema.TryGetProperty("$ref", out var reference))
                    {
                        schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
                    }

                    Assert.True(schema.TryGetProperty("example", out _), $"{operation.Name.ToUpperInvariant()} {path.Name}'s body has no example");
                }
            }
        }

        Assert.True(bodies >= 4, $"only {bodies} JSON bodies were found");
    }

    [Fact]
    public async Task OpenApi_TheBearerScheme_IsDeclaredAndRequiredOnApiRoutes()
    {
        // Act
        var document = await ReadDocumentAsync();

        // Assert
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var upload = document.GetProperty("paths").GetProperty("/api/v2/documents").GetProperty("post");
        Assert.Contains("Bearer", upload.GetProperty("security")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task OpenApi_Upload_DescribesTheMultipartForm()
    {
        // Act
        var document = await ReadDocumentAsync();
        var upload = document.GetProperty("paths").GetProperty("/api/v2/documents").GetProperty("post");

        // Assert
        var form = upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        if (form.TryGetProperty("$ref", out var reference))
        {
            form = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        var fields = form.GetProperty("properties");
        Assert.True(fields.TryGetProperty("files", out _));
        Assert.True(fields.TryGetProperty("collection", out _));
        Assert.True(upload.GetProperty("responses").TryGetProperty("413", out _));
    }

    [Fact]
    public async Task Scalar_WithoutAToken_ServesTheApiReference()
    {
        // Act
        using var anonymous = api.Factory.CreateDefaultClient();
        using var response = await anonymous.GetAsync("/scalar/", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_WhenSwitchedOff_IsNotServedButTheDocumentIs()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        using var factory = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?> { ["DataDistiller:ApiDocs:Scalar"] = "false" });
        using var client = factory.CreateDefaultClient();

        // Act
        using var scalar = await client.GetAsync("/scalar/", ct);
        using var document = await client.GetAsync("/openapi/v1.json", ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, scalar.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    private async Task<JsonElement> ReadDocumentAsync()
    {
        // Without a token: the document is public, like the product it describes.
        using var anonymous = api.Factory.CreateDefaultClient();
        using var response = await anonymous.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task OpenApi_EverySecuredRoute_DocumentsTheBearerSchemeAnd401403429()
    {
        // Arrange
        var paths = (await ReadDocumentAsync()).GetProperty("paths");

        foreach (var (method, path) in ApiRoutes())
        {
            // Act
            var operation = paths.GetProperty(path).GetProperty(method.ToLowerInvariant());

            // Assert
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "401", "403", "429" })
            {
                Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not document {status}");
            }

            Assert.True(operation.GetProperty("security")[0].TryGetProperty("Bearer", out _), $"{method} {path} does not require the bearer scheme");
        }
    }

    private IEnumerable<(string Method, string Path)> ApiRoutes() =>
        Support.ApiRoutes.Of(api.Factory).Select(r => (r.Method, Constraint().Replace(r.Pattern, "{$1}")));

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
