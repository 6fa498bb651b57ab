using System.Text;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace DataDistiller.Tests.Integration.Ui;

/// <summary>
/// The embedded Api on a real loopback port (browsers cannot reach an in-memory TestServer) and Debian's Chromium driven by
/// Playwright through its executable path: Playwright's own browser download cannot work without internet.
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly TempDirectory _dataDirectory = new();
    private readonly TempDirectory _userDataDirectory = new();
    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public WebUiFixture()
    {
        // Small chunks, so a PDF's second page is a chunk of its own and citations name the page the fact is on.
        Factory = new EmbeddedApiFactory(_dataDirectory.Path, new Dictionary<string, string?>
        {
            ["DataDistiller:Chunking:MaxTokens"] = "64",
            ["DataDistiller:Chunking:OverlapTokens"] = "8",
        });
        Factory.UseKestrel(0);
    }

    public EmbeddedApiFactory Factory { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public static bool HasChromium => File.Exists(ChromiumPath);

    /// <summary>The embedded mode's admin token once authentication writes one; until then any bearer string is accepted.</summary>
    public string AdminToken
    {
        get
        {
            var file = Path.Combine(Factory.DataDirectory, "admin.token");
            return File.Exists(file) ? File.ReadAllText(file).Trim() : UnsignedToken("""{"sub":"ui-test","tenant":"default","role":"admin"}""");
        }
    }

    public ValueTask InitializeAsync()
    {
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return ValueTask.CompletedTask;
    }

    /// <summary>The browser, launched on first use; skips the calling test (with the reason) when Chromium is not installed.</summary>
    public async Task<IBrowserContext> BrowserAsync()
    {
        Assert.SkipUnless(HasChromium, $"{ChromiumPath} is not installed (apt-get install chromium); the browser tests need it.");
        await _launch.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is null)
            {
                // Never let Playwright try to fetch a browser build of its own: there is no internet here.
                Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_userDataDirectory.Path, new BrowserTypeLaunchPersistentContextOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args = s_chromiumArgs,
                    ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
                    BaseURL = BaseAddress.ToString(),
                });
            }

            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
        _launch.Dispose();
        _dataDirectory.Dispose();
        _userDataDirectory.Dispose();
    }

    private static string UnsignedToken(string payload) =>
        $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(payload)}.";

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
