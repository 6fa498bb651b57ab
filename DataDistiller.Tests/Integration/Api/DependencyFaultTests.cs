using System.Diagnostics;
using System.Net;
using System.Text;
using DataDistiller.Core.Ports;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class DependencyFaultTests
{
    // A breaker that opens after two failures and tests the dependency again after one second.
    private static readonly Dictionary<string, string?> s_quickBreakers = new()
    {
        ["DataDistiller:Resilience:JobStore:MinimumThroughput"] = "2",
        ["DataDistiller:Resilience:JobStore:BreakDuration"] = "00:00:01",
        ["DataDistiller:Resilience:Embedder:MinimumThroughput"] = "2",
        ["DataDistiller:Resilience:Embedder:BreakDuration"] = "00:00:01",
    };

    [Fact]
    public async Task Upload_WhenJobStoreIsDown_Answers503WithRetryAfterAndRecoversWithoutAManualStep()
    {
        // Arrange
        using var dir = new TempDirectory();
        var fault = new PortFault();
        await using var factory = Build(dir, fault.InjectInto<IJobStore>);
        var client = new DocumentsClient(factory.CreateClient());
        var bytes = Encoding.UTF8.GetBytes("Lighthouse keepers trimmed the wick every four hours.");
        fault.Down = true;

        // Act: uploads during the outage
        var refused = new List<(HttpStatusCode Status, string? RetryAfter, string Detail)>();
        for (var i = 0; i < 5; i++)
        {
            using var form = DocumentsClient.Form(null, ("keepers.txt", bytes));
            using var response = await client.PostAsync(form);
            var problem = await DocumentsClient.ReadJsonAsync(response);
            refused.Add((response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), problem["detail"]!.GetValue<string>()));
        }

        var blobsLeft = Directory.Exists(Path.Combine(dir.Path, "blobs")) ? Directory.EnumerateFiles(Path.Combine(dir.Path, "blobs"), "*", SearchOption.AllDirectories).Count() : 0;
        fault.Down = false;
        var recovery = Stopwatch.StartNew();
        var attempts = 0;
        var accepted = await Eventually.ReturnsAsync(
            async () =>
            {
                attempts++;
                using var form = DocumentsClient.Form(null, ("keepers.txt", bytes));
                using var response = await client.PostAsync(form);
                return (response.StatusCode, Body: await DocumentsClient.ReadJsonAsync(response));
            },
            r => r.StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(30),
            "uploads to be accepted again");
        recovery.Stop();
        var id = accepted.Body["documents"]![0]!["documentId"]!.GetValue<Guid>();
        await client.WaitUntilIndexedAsync(id);

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"job store down: {refused.Count} uploads → {string.Join(", ", refused.Select(r => $"{(int)r.Status} (Retry-After {r.RetryAfter} s)"))}; " +
            $"{fault.Refused} store calls refused; blobs left behind: {blobsLeft}; recovered after {attempts} attempts in {recovery.ElapsedMilliseconds} ms");
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status));
        Assert.All(refused, r => Assert.NotNull(r.RetryAfter));
        Assert.All(refused, r => Assert.StartsWith("The job store is unavailable", r.Detail, StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Detail.Contains("circuit open", StringComparison.Ordinal));
        Assert.Equal(0, blobsLeft);
    }

    [Fact]
    public async Task Search_WhenEmbedderFails_AnswersFromBm25WithTheDegradedNote()
    {
        // Arrange
        using var dir = new TempDirectory();
        var fault = new PortFault();
        await using var factory = Build(dir, fault.InjectInto<IEmbeddingGenerator<string, Embedding<float>>>);
        var client = new DocumentsClient(factory.CreateClient());
        var id = await client.UploadAsync("bees.txt", Encoding.UTF8.GetBytes("Honey bees dance to tell the hive where the flowers are."));
        await client.WaitUntilIndexedAsync(id);
        fault.Down = true;

        // Act: the first searches see the failure, the later ones the open circuit
        var responses = new List<System.Text.Json.Nodes.JsonObject>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await client.SearchResponseAsync("Why do honey bees dance?", null, 5, null));
        }

        // Assert
        var notes = responses.Select(r => r["degraded"]?.GetValue<string>()).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"embedder down: {responses.Count} searches answered 200 with notes: {string.Join(" | ", notes)}");
        Assert.All(responses, r =>
        {
            var top = r["hits"]!.AsArray()[0]!.AsObject();
            Assert.Equal(id, top["documentId"]!.GetValue<Guid>());
            Assert.Null(top["dense"]);
            Assert.NotNull(top["bm25"]);
        });
        Assert.All(notes, n => Assert.StartsWith("dense leg unavailable: embedder", n, StringComparison.Ordinal));
        Assert.Contains(notes, n => n!.StartsWith("dense leg unavailable: embedder circuit open", StringComparison.Ordinal));
        // The embedded re-ranker scores with the same embedder, so it is skipped and says so.
        Assert.All(notes, n => Assert.Contains("re-ranking skipped", n, StringComparison.Ordinal));
    }

    private static WebApplicationFactory<Program> Build(TempDirectory dir, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> inject) =>
        new EmbeddedApiFactory(dir.Path, s_quickBreakers).WithWebHostBuilder(b => b.ConfigureTestServices(inject));
}
