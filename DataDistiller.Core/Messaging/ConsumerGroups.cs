namespace DataDistiller.Core.Messaging;

/// <summary>Consumer group names.</summary>
public static class ConsumerGroups
{
    public const string Splitter = "splitter";
    public const string Embedders = "embedders";
    public const string DeadLetters = "dlq";
}
