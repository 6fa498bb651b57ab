using System.Runtime.CompilerServices;
using DataDistiller.Core.Answers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace DataDistiller.Infrastructure.Chat;

/// <summary>
/// Sends each call to the primary provider through its circuit breaker and to the secondary when the primary fails
/// or its circuit is open; every response and update is stamped with the provider that served it
/// (<see cref="ChatProviders.PropertyName"/>). A stream fails over only before its first update: text already sent
/// to a client cannot be taken back, so a failure mid-stream surfaces to the caller.
/// </summary>
/// <remarks>
/// In Infrastructure, not Core: it needs Polly and exists only when both providers are configured. Not M.E.AI's
/// OrderedFailoverChatClient: that one is experimental (MEAI001) and has no circuit breaker, so an Ollama that is
/// down would still cost every request its connection timeout.
/// </remarks>
public sealed partial class ProviderFailoverChatClient(
    IChatClient primary, IChatClient secondary, ResiliencePipeline primaryBreaker, ILogger<ProviderFailoverChatClient> logger) : IChatClient
{
    private readonly string _primaryName = ChatProviders.Describe(primary);
    private readonly string _secondaryName = ChatProviders.Describe(secondary);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = messages.ToList();
        try
        {
            var response = await primaryBreaker.ExecuteAsync(
                static async (state, ct) => await state.primary.GetResponseAsync(state.prompt, state.options?.Clone(), ct).ConfigureAwait(false),
                (primary, prompt, options),
                cancellationToken).ConfigureAwait(false);
            response.AdditionalProperties = ChatProviders.Stamp(response.AdditionalProperties, _primaryName);
            return response;
        }
        catch (Exception ex) when (FailsOver(ex, cancellationToken))
        {
            var fallback = await secondary.GetResponseAsync(prompt, options?.Clone(), cancellationToken).ConfigureAwait(false);
            fallback.AdditionalProperties = ChatProviders.Stamp(fallback.AdditionalProperties, _secondaryName);
            return fallback;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prompt = messages.ToList();
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        var name = _primaryName;
        var hasUpdate = false;
        try
        {
            (updates, hasUpdate) = await primaryBreaker.ExecuteAsync(
                static async (state, ct) => await StartAsync(state.primary, state.prompt, state.options?.Clone(), ct).ConfigureAwait(false),
                (primary, prompt, options),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (FailsOver(ex, cancellationToken))
        {
            name = _secondaryName;
            (updates, hasUpdate) = await StartAsync(secondary, prompt, options?.Clone(), cancellationToken).ConfigureAwait(false);
        }

        await using (updates.ConfigureAwait(false))
        {
            while (hasUpdate)
            {
                var update = updates.Current;
                update.AdditionalProperties = ChatProviders.Stamp(update.AdditionalProperties, name);
                yield return update;
                hasUpdate = await updates.MoveNextAsync().ConfigureAwait(false);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : primary.GetService(serviceType, serviceKey);
    }

    // The inner clients are container singletons; the container disposes them.
    public void Dispose()
    {
    }

    // The first update is what tells a working stream from a failed one, so it is awaited inside the breaker.
    private static async Task<(IAsyncEnumerator<ChatResponseUpdate>, bool)> StartAsync(
        IChatClient client, List<ChatMessage> prompt, ChatOptions? options, CancellationToken cancellationToken)
    {
        var updates = client.GetStreamingResponseAsync(prompt, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            return (updates, await updates.MoveNextAsync().ConfigureAwait(false));
        }
        catch
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool FailsOver(Exception ex, CancellationToken cancellationToken)
    {
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (ex is BrokenCircuitException)
        {
            LogCircuitOpen(logger, _secondaryName);
        }
        else
        {
            LogPrimaryFailed(logger, ex, _primaryName, _secondaryName);
        }

        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Chat provider {Primary} failed; {Secondary} answers instead")]
    private static partial void LogPrimaryFailed(ILogger logger, Exception exception, string primary, string secondary);

    [LoggerMessage(LogLevel.Debug, "Primary chat circuit is open; {Secondary} answers")]
    private static partial void LogCircuitOpen(ILogger logger, string secondary);
}
