using System.Text.RegularExpressions;

namespace DataDistiller.Core.Chunking;

/// <summary>Splits text into sentences: what the chunker packs into chunks and what answers and re-scoring quote.</summary>
public static partial class Sentences
{
    /// <summary>The trimmed, non-empty sentences of <paramref name="text"/>, in order.</summary>
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var sentence in Boundary().Split(text))
        {
            var trimmed = sentence.Trim();
            if (trimmed.Length > 0)
            {
                yield return trimmed;
            }
        }
    }

    // Latin sentence ends need a following space ("3.5" is not a boundary); CJK ones end a sentence by themselves.
    [GeneratedRegex(@"(?<=[.!?])\s+|(?<=[。！？])\s*|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
