namespace DataDistiller.Api.Features.Events;

/// <summary>The server's answer to a frame it cannot act on; the connection stays open.</summary>
public sealed record ErrorFrame(string Type, string Message)
{
    public static ErrorFrame Of(string message) => new("error", message);
}
