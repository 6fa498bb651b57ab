namespace DataDistiller.Endpoints.Query;

/// <summary>The data of an SSE <c>delta</c> event: the next piece of the answer's text.</summary>
public sealed record QueryDelta(string Text);
