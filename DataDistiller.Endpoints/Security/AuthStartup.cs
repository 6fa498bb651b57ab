using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Endpoints.Security;

/// <summary>
/// Says at start-up which identity provider tokens are checked against and, in embedded mode, writes the admin token
/// before the server listens, logging where it is (never the token: it is a secret).
/// </summary>
public sealed partial class AuthStartup(EmbeddedTokenIssuer issuer, IConfiguration configuration, ILogger<AuthStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!issuer.IsActive)
        {
            var bearer = configuration.GetSection(EmbeddedTokenIssuer.BearerSection);
            LogProvider(logger, bearer["Authority"] ?? bearer["MetadataAddress"] ?? bearer["ValidIssuer"] ?? "the configured signing keys");
            return;
        }

        var written = await issuer.EnsureAdminTokenAsync(cancellationToken).ConfigureAwait(false);
        LogEmbedded(logger, written ? "written" : "kept", issuer.AdminTokenPath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication: tokens are validated against {TokenSource}")]
    private static partial void LogProvider(ILogger logger, string tokenSource);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Authentication: embedded issuer (no identity provider configured); admin token {AdminTokenState} at {AdminTokenPath}")]
    private static partial void LogEmbedded(ILogger logger, string adminTokenState, string adminTokenPath);
}
