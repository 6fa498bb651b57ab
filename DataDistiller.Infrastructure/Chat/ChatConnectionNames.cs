namespace DataDistiller.Infrastructure.Chat;

/// <summary>The connection names (and service keys) of the chat providers, as the AppHost names the resources.</summary>
public static class ChatConnectionNames
{
    public const string Ollama = "ollama";
    public const string OpenAI = "openai";
}
