using System.Text.RegularExpressions;

namespace DataDistiller.Core.Documents;

/// <summary>
/// Where a tenant's collection lives. Tenants partition collections: every store, index, message and blob path keeps a tenant's
/// collection under one qualified <see cref="Key"/>, <c>{tenant}.{collection}</c>, so tenant isolation is the
/// collection partitioning every port already has. The default tenant's keys are the bare collection names, so data
/// written before tenants existed needs no migration. '.' is never part of a tenant or collection name, so a key
/// splits one way only.
/// </summary>
public readonly partial record struct CollectionAddress
{
    public const string DefaultTenant = "default";
    private const char Separator = '.';

    public CollectionAddress(string tenant, string collection)
    {
        if (!IsValidTenant(tenant))
        {
            throw new ArgumentException($"'{tenant}' is not a valid tenant name.", nameof(tenant));
        }

        if (!CollectionName.IsValid(collection))
        {
            throw new ArgumentException($"'{collection}' is not a valid collection name.", nameof(collection));
        }

        Tenant = tenant;
        Collection = collection;
    }

    public string Tenant { get; }

    /// <summary>The name the tenant sees and sends.</summary>
    public string Collection { get; }

    /// <summary>The name the stores, the index, the messages and the blob paths use.</summary>
    public string Key => Tenant == DefaultTenant ? Collection : $"{Tenant}{Separator}{Collection}";

    /// <summary>Same rules as collection names: lowercase letters, digits, '-' and '_', 1 to 64 characters.</summary>
    public static bool IsValidTenant(string? tenant) => tenant is not null && TenantPattern().IsMatch(tenant);

    /// <summary>The tenant and collection a stored key names.</summary>
    public static CollectionAddress FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0
            ? new CollectionAddress(DefaultTenant, key)
            : new CollectionAddress(key[..separator], key[(separator + 1)..]);
    }

    /// <summary>Whether the stored key <paramref name="key"/> is one of <paramref name="tenant"/>'s collections.</summary>
    public static bool IsOwnedBy(string key, string tenant)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0
            ? tenant == DefaultTenant
            : key.AsSpan(0, separator).SequenceEqual(tenant);
    }

    public override string ToString() => Key;

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TenantPattern();
}
