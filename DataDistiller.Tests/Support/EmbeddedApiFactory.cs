using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataDistiller.Tests.Support;

/// <summary>
/// The Api host in embedded mode on its own data directory, with optional extra settings; every client it creates
/// carries the embedded issuer's admin token (tenant <c>default</c>, role <c>admin</c>).
/// </summary>
public sealed class EmbeddedApiFactory(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public string DataDirectory => dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataDistiller:DataDirectory", dataDirectory);
        builder.UseSetting("DataDistiller:Bus:PollInterval", "00:00:00.050");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        // No admin.token when an identity provider is configured: such tests bring their own tokens.
        if (File.Exists(Path.Combine(dataDirectory, EmbeddedTokenIssuer.AdminTokenFileName)))
        {
            client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.Admin(dataDirectory));
        }
    }
}
