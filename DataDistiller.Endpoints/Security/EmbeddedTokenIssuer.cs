using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataDistiller.Endpoints.Security;

/// <summary>
/// The quick start's identity provider: when <c>Authentication:Schemes:Bearer</c> names no authority and no signing
/// keys, tokens are signed with <c>DataDistiller:Auth:SigningKey</c>, else with a key kept in the data directory (made
/// on first start, owner-only), so every host sharing the key or the directory accepts the same tokens, and tokens
/// survive restarts.
/// </summary>
public sealed class EmbeddedTokenIssuer
{
    public const string Issuer = "datadistiller";
    public const string Audience = "datadistiller";
    public const string KeyFileName = "jwt-signing.key";
    public const string AdminTokenFileName = "admin.token";
    public const string BearerSection = "Authentication:Schemes:Bearer";
    private const string DataDirectorySetting = "DataDistiller:DataDirectory";
    private const int KeyBytes = 32;

    private readonly IOptions<AuthOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<SymmetricSecurityKey> _key;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public EmbeddedTokenIssuer(IConfiguration configuration, IHostEnvironment environment, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options;
        _timeProvider = timeProvider;
        IsActive = !IsProviderConfigured(configuration);
        // Same setting and resolution as the embedded adapters' data directory, read here so hosts without them agree.
        DataDirectory = Path.GetFullPath(configuration[DataDirectorySetting] is { Length: > 0 } dir ? dir : "data", environment.ContentRootPath);
        _key = new Lazy<SymmetricSecurityKey>(LoadOrCreateKey, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>False when an identity provider (authority or signing keys) is configured: tokens come from it.</summary>
    public bool IsActive { get; }

    public string DataDirectory { get; }

    public string AdminTokenPath => Path.Combine(DataDirectory, AdminTokenFileName);

    public SecurityKey SigningKey => IsActive ? _key.Value : throw new InvalidOperationException("The embedded issuer is not active.");

    public static bool IsProviderConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var bearer = configuration.GetSection(BearerSection);
        return !string.IsNullOrWhiteSpace(bearer["Authority"])
            || !string.IsNullOrWhiteSpace(bearer["MetadataAddress"])
            || bearer.GetSection("SigningKeys").GetChildren().Any();
    }

    public MintedToken Mint(string subject, string tenant, IReadOnlyCollection<string> roles, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(roles);
        var options = _options.Value;
        var now = _timeProvider.GetUtcNow();
        var expires = now + lifetime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7(now).ToString(),
            [options.TenantClaim] = tenant,
        };
        if (roles.Count > 0)
        {
            claims[options.RoleClaim] = roles.ToArray();
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new MintedToken(token, expires);
    }

    /// <summary>
    /// Writes <c>admin.token</c> (tenant <c>default</c>, the admin role) unless the one there is still valid for at least
    /// a tenth of its lifetime. Returns whether a new one was written.
    /// </summary>
    public async Task<bool> EnsureAdminTokenAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        if (File.Exists(AdminTokenPath))
        {
            var existing = (await File.ReadAllTextAsync(AdminTokenPath, cancellationToken).ConfigureAwait(false)).Trim();
            var result = await _handler.ValidateTokenAsync(existing, ValidationParameters(options)).ConfigureAwait(false);
            if (result.IsValid && result.SecurityToken.ValidTo > _timeProvider.GetUtcNow().UtcDateTime + (options.AdminTokenLifetime / 10))
            {
                return false;
            }
        }

        var minted = Mint(options.AdminRole, Core.Documents.CollectionAddress.DefaultTenant, [options.AdminRole], options.AdminTokenLifetime);
        var temporary = AdminTokenPath + ".tmp";
        await using (var file = OwnerOnly(temporary, FileMode.Create))
        {
            await using var writer = new StreamWriter(file);
            await writer.WriteLineAsync(minted.Token.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, AdminTokenPath, overwrite: true);
        return true;
    }

    /// <summary>What the Bearer scheme checks in embedded mode; also how <c>admin.token</c> is checked before reuse.</summary>
    public TokenValidationParameters ValidationParameters(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = SigningKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = JwtRegisteredClaimNames.Sub,
            RoleClaimType = options.RoleClaim,
        };
    }

    private SymmetricSecurityKey LoadOrCreateKey()
    {
        if (_options.Value.SigningKey is { Length: > 0 } configured)
        {
            return new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(configured));
        }

        Directory.CreateDirectory(DataDirectory);
        var path = Path.Combine(DataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            // Written aside and moved in without overwrite, so a host starting alongside never reads a half-written key.
            var key = RandomNumberGenerator.GetBytes(KeyBytes);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            using (var file = OwnerOnly(temporary, FileMode.CreateNew))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                return new SymmetricSecurityKey(key);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another host on this directory made it first: everyone must sign with that one.
                File.Delete(temporary);
            }
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    private static FileStream OwnerOnly(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
