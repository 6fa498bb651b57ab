namespace DataDistiller.Core.Answers;

/// <summary>Text an answer generator wrote (whole, or one streamed piece) and the provider that wrote it.</summary>
public sealed record GeneratedText(string Text, string Provider);
