using Microsoft.Extensions.AI;

namespace DataDistiller.Tests.Support;

/// <summary>
/// The fake embedder behind a gate a test opens and closes: while closed, a call reports that it is blocked and waits,
/// so a test can act (delete a document) at a known point in the middle of an embedding. With <paramref name="gatedWord"/>
/// only calls embedding a text with that word wait (the start-up warm-up passes).
/// </summary>
public sealed class GatedEmbeddingGenerator(string? gatedWord = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly FakeEmbeddingGenerator _inner = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = Completed();
    private TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a call waits at the closed gate.</summary>
    public Task Blocked
    {
        get
        {
            lock (_lock)
            {
                return _blocked.Task;
            }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Open()
    {
        lock (_lock)
        {
            _open.TrySetResult();
        }
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        if (gatedWord is not null && !texts.Exists(t => t.Contains(gatedWord, StringComparison.OrdinalIgnoreCase)))
        {
            return await _inner.GenerateAsync(texts, options, cancellationToken);
        }

        Task open;
        lock (_lock)
        {
            open = _open.Task;
            if (!open.IsCompleted)
            {
                _blocked.TrySetResult();
            }
        }

        await open.WaitAsync(cancellationToken);
        return await _inner.GenerateAsync(texts, options, cancellationToken);
    }

    public float[] Embed(string text) => _inner.Embed(text);

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
