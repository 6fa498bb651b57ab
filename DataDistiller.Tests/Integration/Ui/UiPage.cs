using Microsoft.Playwright;
using Xunit;

namespace DataDistiller.Tests.Integration.Ui;

/// <summary>
/// One browser tab on the web UI: collects console errors and page errors (a test fails on any), takes full-page
/// screenshots under the test output directory, and signs in the way a user does.
/// </summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly string _screenshots;
    private int _shots;

    private UiPage(IPage page, string testName)
    {
        Page = page;
        _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots", testName);
        Directory.CreateDirectory(_screenshots);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"page error: {error}");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors => _errors;

    public static async Task<UiPage> OpenAsync(WebUiFixture ui, string testName)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var browser = await ui.BrowserAsync();
        var page = new UiPage(await browser.NewPageAsync(), testName);
        page.Page.SetDefaultTimeout(30_000);
        await page.Page.GotoAsync("/");
        return page;
    }

    public async Task SignInAsync(string token)
    {
        await Page.GetByLabel("Access token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Screens" })).ToBeVisibleAsync();
    }

    public async Task UseCollectionAsync(string name)
    {
        await Page.GetByLabel("New collection name").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use new collection" }).ClickAsync();
        await Assertions.Expect(Page.GetByLabel("Collection", new() { Exact = true })).ToHaveValueAsync(name);
    }

    public Task OpenScreenAsync(string tab) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Screens" }).GetByRole(AriaRole.Button, new() { Name = tab }).ClickAsync();

    /// <summary>Saves a full-page screenshot, numbered in the order taken, and prints where.</summary>
    public async Task ScreenshotAsync(string step)
    {
        var path = Path.Combine(_screenshots, $"{++_shots:00}-{step}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }

    /// <summary>
    /// Fails on any error the page logged. Chromium logs every 4xx answer as a failed resource: a test that provokes one on
    /// purpose names its status, and only that line is allowed.
    /// </summary>
    public void AssertNoErrors(int? expectedStatus = null)
    {
        var unexpected = _errors
            .Where(e => expectedStatus is null || !e.Contains($"the server responded with a status of {expectedStatus}", StringComparison.Ordinal))
            .ToList();
        Assert.True(unexpected.Count == 0, "The page logged errors:\n" + string.Join('\n', unexpected));
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
