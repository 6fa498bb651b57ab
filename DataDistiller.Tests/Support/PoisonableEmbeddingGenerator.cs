using Microsoft.Extensions.AI;

namespace DataDistiller.Tests.Support;

/// <summary>
/// The bag-of-words fake with two faults to inject: the next <see cref="FailuresLeft"/> calls throw, and while
/// <see cref="Poisoned"/> any call holding <see cref="PoisonWord"/> throws (a chunk that breaks the model every time).
/// </summary>
public sealed class PoisonableEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string PoisonWord = "arsenic";

    private readonly FakeEmbeddingGenerator _inner = new();
    private int _failuresLeft;
    private volatile bool _poisoned;

    public int FailuresLeft { get => Volatile.Read(ref _failuresLeft); set => Volatile.Write(ref _failuresLeft, value); }

    public bool Poisoned { get => _poisoned; set => _poisoned = value; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        for (var left = FailuresLeft; left > 0; left = FailuresLeft)
        {
            if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
            {
                throw new InvalidOperationException("Injected transient embedder failure.");
            }
        }

        if (_poisoned && texts.Exists(t => t.Contains(PoisonWord, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException("Injected poison chunk.");
        }

        return _inner.GenerateAsync(texts, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
