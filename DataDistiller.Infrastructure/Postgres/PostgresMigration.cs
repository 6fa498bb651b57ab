namespace DataDistiller.Infrastructure.Postgres;

/// <summary>One schema change: applied once, in version order, and recorded in <c>schema_migrations</c>.</summary>
public sealed record PostgresMigration(int Version, string Name, string Sql);
