using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DataDistiller.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace DataDistiller.Tests.Integration.Ui;

/// <summary>
/// The web UI in real Chromium against the embedded Api on a loopback port: what a user clicks, with screenshots of every
/// step under the test output directory (screenshots/&lt;test&gt;/), and no console or page error allowed.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class WebUiBrowserTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    private static readonly TimeSpan s_ingestTimeout = DocumentsClient.IngestTimeout;

    [Fact]
    public async Task WebUi_UploadAPdfWatchItIndexAskAndClickACitation_ShowsTheDocumentAndPage()
    {
        // Arrange: the fact is on page 2, after a blank cover page, so the citation's page cannot be right by accident
        await using var ui = await UiPage.OpenAsync(fixture, nameof(WebUi_UploadAPdfWatchItIndexAskAndClickACitation_ShowsTheDocumentAndPage));
        var page = ui.Page;
        var pdf = TestPdf.Build(
            [],
            ["Grey herons hunt fish by standing motionless in shallow water.", "They strike with a fast thrust of the bill."]);
        await ui.ScreenshotAsync("sign-in");
        await ui.SignInAsync(fixture.AdminToken);
        await ui.UseCollectionAsync("ui-birds");

        // Act: the PDF through the file input, a text file through the drop zone
        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "herons.pdf", MimeType = "application/pdf", Buffer = pdf });
        await DropFileAsync(page, "otters.txt", "Sea otters hold hands while they sleep so they do not drift apart.");
        await ui.ScreenshotAsync("uploading");
        var uploads = page.GetByRole(AriaRole.List, new() { Name = "Uploads" });
        var pdfBar = uploads.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of herons.pdf" });
        var textBar = uploads.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of otters.txt" });
        await Assertions.Expect(pdfBar).ToHaveAttributeAsync("value", "100", new() { Timeout = (float)s_ingestTimeout.TotalMilliseconds });
        await Assertions.Expect(textBar).ToHaveAttributeAsync("value", "100", new() { Timeout = (float)s_ingestTimeout.TotalMilliseconds });

        // Assert: both indexed, and the list shows them
        await Assertions.Expect(uploads.Locator("li[data-file-name='herons.pdf']")).ToHaveAttributeAsync("data-status", "indexed");
        var table = page.Locator("#documents-table");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "herons.pdf" })).ToContainTextAsync("indexed");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "otters.txt" })).ToContainTextAsync("indexed");
        await ui.ScreenshotAsync("indexed");

        // Act: ask, then open the first citation
        await ui.OpenScreenAsync("Ask");
        await page.GetByLabel("Question").FillAsync("How do grey herons hunt fish?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get answer" }).ClickAsync();
        var marker = page.Locator("#answer-text button.cite").First;
        await Assertions.Expect(marker).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await ui.ScreenshotAsync("answer");
        await marker.ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("#answer-text")).ToContainTextAsync("standing motionless in shallow water");
        var panel = page.GetByRole(AriaRole.Complementary, new() { NameRegex = SourceTitle() });
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("#citation-document")).ToHaveTextAsync("herons.pdf");
        await Assertions.Expect(panel.Locator("#citation-page")).ToHaveTextAsync("2");
        await Assertions.Expect(panel.Locator("mark")).ToContainTextAsync("herons");
        await Assertions.Expect(marker).ToHaveAttributeAsync("aria-pressed", "true");
        await ui.ScreenshotAsync("citation");
        ui.AssertNoErrors();
    }

    [Fact]
    public async Task WebUi_EveryScreen_GivesEveryControlAnAccessibleNameAndFitsALaptopScreen()
    {
        // Arrange: an experiment, so the experiments screen has its figures table to check too
        using var http = fixture.Factory.CreateClient();
        using var created = await http.PostAsJsonAsync(
            "/api/v2/admin/experiments",
            new { name = "ui rrf vs rerank", collection = "ui-a11y", arms = new[] { new { strategy = "hybrid-rrf@1", percent = 50 }, new { strategy = "hybrid-rerank@1", percent = 50 } } },
            TestContext.Current.CancellationToken);
        Assert.True(created.IsSuccessStatusCode, $"creating the experiment answered {(int)created.StatusCode}");
        await using var ui = await UiPage.OpenAsync(fixture, nameof(WebUi_EveryScreen_GivesEveryControlAnAccessibleNameAndFitsALaptopScreen));
        var unnamed = new List<string>();
        var overflowing = new List<string>();

        // Act: the accessibility tree Chromium computes, screen by screen
        unnamed.AddRange(await UnnamedControlsAsync(ui.Page, "sign-in"));
        await ui.SignInAsync(fixture.AdminToken);
        foreach (var screen in new[] { "Documents", "Ask", "Dead letters", "Experiments" })
        {
            await ui.OpenScreenAsync(screen);
            await ui.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            unnamed.AddRange(await UnnamedControlsAsync(ui.Page, screen));
            overflowing.AddRange(await ui.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth") ? [screen] : []);
            await ui.ScreenshotAsync(screen.Replace(' ', '-').ToLowerInvariant());
        }

        // Assert: named controls, and nothing wider than a 1366-pixel laptop screen
        Assert.Empty(unnamed);
        Assert.Empty(overflowing);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Table, new() { Name = "Figures per arm of ui rrf vs rerank" })).ToBeVisibleAsync();
        await ui.Page.SetViewportSizeAsync(1920, 1080);
        await ui.OpenScreenAsync("Documents");
        await ui.ScreenshotAsync("documents-1920x1080");
        ui.AssertNoErrors();
    }

    [Fact]
    public async Task WebUi_FailedDocument_IsListedAsADeadLetterAndReplayedFromTheAdminScreenAndByRetry()
    {
        // Arrange: a PDF with no text fails for good at once and leaves a dead letter
        await using var ui = await UiPage.OpenAsync(fixture, nameof(WebUi_FailedDocument_IsListedAsADeadLetterAndReplayedFromTheAdminScreenAndByRetry));
        var page = ui.Page;
        await ui.SignInAsync(fixture.AdminToken);
        await ui.UseCollectionAsync("ui-dlq");
        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "blank.pdf", MimeType = "application/pdf", Buffer = TestPdf.Build() });
        var upload = page.Locator("#upload-list li[data-file-name='blank.pdf']");
        await Assertions.Expect(upload).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = (float)s_ingestTimeout.TotalMilliseconds });
        var documentId = await upload.GetAttributeAsync("data-document-id");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retry blank.pdf" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync("failed-document");

        // Act: the admin screen lists its dead letter; inspect it, then replay it
        await ui.OpenScreenAsync("Dead letters");
        var replay = page.GetByRole(AriaRole.Button, new() { Name = $"Replay dead letter of {documentId}" });
        await Assertions.Expect(replay).ToBeVisibleAsync();
        var letterRow = page.Locator("#dlq-table tbody tr").Filter(new() { HasText = documentId! });
        var letterId = await letterRow.GetAttributeAsync("data-letter-id");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Inspect dead letter of {documentId}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dlq-payload")).ToContainTextAsync(documentId!);
        await ui.ScreenshotAsync("dead-letter");
        await replay.ClickAsync();

        // Assert: the letter went back to its topic (gone from the list); the unreadable PDF then fails into a new letter
        await Assertions.Expect(page.Locator($"#dlq-table tr[data-letter-id='{letterId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dead letter replayed");
        await Eventually.ReturnsAsync(
            async () =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
                return await page.Locator("#dlq-table tbody tr").Filter(new() { HasText = documentId! }).CountAsync();
            },
            count => count == 1,
            s_ingestTimeout,
            "the replayed document to fail into a new dead letter");
        await ui.ScreenshotAsync("replayed");

        // Act: the owner's Retry button on the document list replays it too
        await ui.OpenScreenAsync("Documents");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry blank.pdf" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("blank.pdf: 1 dead letter(s) replayed");
        await Assertions.Expect(page.Locator($"#documents-table tr[data-document-id='{documentId}']"))
            .ToHaveAttributeAsync("data-status", "failed", new() { Timeout = (float)s_ingestTimeout.TotalMilliseconds });
        ui.AssertNoErrors();
    }

    [Fact]
    public async Task WebUi_UploadOfAnUnsupportedFile_ShowsTheProblemDetailOfTheServer()
    {
        // Arrange
        await using var ui = await UiPage.OpenAsync(fixture, nameof(WebUi_UploadOfAnUnsupportedFile_ShowsTheProblemDetailOfTheServer));
        await ui.SignInAsync(fixture.AdminToken);
        await ui.UseCollectionAsync("ui-rejects");

        // Act
        await ui.Page.Locator("#file-input").SetInputFilesAsync(
            new FilePayload { Name = "tool.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] });

        // Assert: the row says why, in the server's words
        var row = ui.Page.Locator("#upload-list li[data-file-name='tool.exe']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "rejected");
        await Assertions.Expect(row).ToContainTextAsync("rejected: File 'tool.exe' is not a supported document. Send PDF, plain text, Markdown or HTML");
        await ui.ScreenshotAsync("rejected");
        ui.AssertNoErrors(expectedStatus: 415);
    }

    // The drop zone's own listener, fed a DataTransfer the way a drag from the desktop does.
    private static async Task DropFileAsync(IPage page, string name, string text) =>
        await page.Locator("#drop-zone").EvaluateAsync(
            """
            (zone, file) => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([file.text], file.name, { type: 'text/plain' }));
              zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """,
            new { name, text });

    // Playwright's ARIA snapshot lists each control as "- role "name"": a control with no quoted name has none.
    private static async Task<IEnumerable<string>> UnnamedControlsAsync(IPage page, string screen)
    {
        var snapshot = await page.Locator("body").AriaSnapshotAsync();
        return snapshot.Split('\n').Where(line => UnnamedControl().IsMatch(line)).Select(line => $"{screen}: {line.Trim()}").ToList();
    }

    [GeneratedRegex(@"^Source \[\d+\]$")]
    private static partial Regex SourceTitle();

    [GeneratedRegex(@"^\s*- (button|textbox|combobox|listbox|checkbox|radio|spinbutton|slider|searchbox|progressbar|switch)\b(?!\s+"")")]
    private static partial Regex UnnamedControl();
}
