namespace DataDistiller.Infrastructure.Adapters;

/// <summary>The adapter chosen for a port, reported at start-up.</summary>
public sealed record AdapterChoice(string Port, string Adapter);
