using DataDistiller.Core.Documents;

namespace DataDistiller.Infrastructure.Relational;

/// <summary>
/// SQL that keeps rows whose collection key belongs to a tenant (or all rows when the tenant parameter is NULL). Keys
/// are <c>{tenant}.{collection}</c>, bare names for the default tenant (<see cref="CollectionAddress"/>). No LIKE:
/// '_' is a wildcard there and legal in tenant names.
/// </summary>
internal static class TenantFilter
{
    public static string Sqlite(string column, string parameter) =>
        $"({parameter} IS NULL OR ({parameter} = '{CollectionAddress.DefaultTenant}' AND instr({column}, '.') = 0)"
        + $" OR substr({column}, 1, length({parameter}) + 1) = {parameter} || '.')";

    public static string Postgres(string column, string parameter) =>
        $"({parameter}::text IS NULL OR ({parameter} = '{CollectionAddress.DefaultTenant}' AND strpos({column}, '.') = 0)"
        + $" OR starts_with({column}, {parameter} || '.'))";
}
