namespace DataDistiller.Infrastructure.Chat;

/// <summary>The activity source of chat calls; ServiceDefaults traces every <c>DataDistiller.*</c> source.</summary>
public static class ChatTelemetry
{
    public const string SourceName = "DataDistiller.Chat";
}
