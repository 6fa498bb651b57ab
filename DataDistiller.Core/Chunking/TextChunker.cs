using System.Text;
using DataDistiller.Core.Extraction;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace DataDistiller.Core.Chunking;

/// <summary>
/// Splits extracted pages into token-bounded chunks with overlap. Chunks end on sentence boundaries where a
/// sentence fits; tokens are counted with the embedding model's own tokenizer so no chunk is truncated by it.
/// </summary>
public sealed class TextChunker
{
    private readonly Tokenizer _tokenizer;
    private readonly ChunkingOptions _options;
    private readonly int _specialTokens;

    public TextChunker(Tokenizer tokenizer, IOptions<ChunkingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokenizer = tokenizer;
        _options = options.Value;
        // BERT-style tokenizers count [CLS] and [SEP] on every call; measured once so segments count only their words.
        _specialTokens = tokenizer.CountTokens(string.Empty);
    }

    /// <summary>The chunks of <paramref name="document"/>, numbered from 0.</summary>
    public IReadOnlyList<TextChunk> Split(ExtractedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var chunks = new List<TextChunk>();
        var window = new List<TextSegment>();
        var windowTokens = 0;
        var carried = 0;

        foreach (var segment in Segments(document))
        {
            if (windowTokens + segment.Tokens > _options.MaxTokens && window.Count > carried)
            {
                chunks.Add(ToChunk(chunks.Count, window, windowTokens));
                windowTokens = KeepOverlap(window);
                carried = window.Count;
            }

            // The overlap yields to a segment that would not fit beside it: a chunk never exceeds MaxTokens.
            while (windowTokens + segment.Tokens > _options.MaxTokens && window.Count > 0)
            {
                windowTokens -= window[0].Tokens;
                window.RemoveAt(0);
                carried = Math.Max(0, carried - 1);
            }

            window.Add(segment);
            windowTokens += segment.Tokens;
        }

        if (window.Count > carried)
        {
            chunks.Add(ToChunk(chunks.Count, window, windowTokens));
        }

        return chunks;
    }

    private int Count(string text) => Math.Max(1, _tokenizer.CountTokens(text) - _specialTokens);

    private IEnumerable<TextSegment> Segments(ExtractedDocument document)
    {
        foreach (var page in document.Pages)
        {
            foreach (var text in Sentences.Split(page.Text))
            {
                var tokens = Count(text);
                if (tokens <= _options.MaxTokens)
                {
                    yield return new TextSegment(text, page.Number, tokens);
                    continue;
                }

                foreach (var slice in SliceByWords(text, page.Number))
                {
                    yield return slice;
                }
            }
        }
    }

    // A sentence longer than a chunk (tables, text without punctuation) is cut between words.
    private IEnumerable<TextSegment> SliceByWords(string sentence, int page)
    {
        var slice = new StringBuilder();
        var sliceTokens = 0;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wordTokens = Count(word);
            if (sliceTokens + wordTokens > _options.MaxTokens && slice.Length > 0)
            {
                yield return new TextSegment(slice.ToString(), page, sliceTokens);
                slice.Clear();
                sliceTokens = 0;
            }

            if (wordTokens > _options.MaxTokens)
            {
                // Text without spaces (CJK, a URL, base64) is cut by characters so no chunk outgrows the model.
                foreach (var piece in SliceByCharacters(word, page))
                {
                    yield return piece;
                }

                continue;
            }

            slice.Append(slice.Length > 0 ? " " : string.Empty).Append(word);
            sliceTokens += wordTokens;
        }

        if (slice.Length > 0)
        {
            yield return new TextSegment(slice.ToString(), page, sliceTokens);
        }
    }

    private IEnumerable<TextSegment> SliceByCharacters(string word, int page)
    {
        for (var start = 0; start < word.Length;)
        {
            // Start from the average characters per token and shrink until the piece fits.
            var length = Math.Min(word.Length - start, Math.Max(1, (int)((long)word.Length * _options.MaxTokens / Count(word))));
            while (length > 1 && Count(word.Substring(start, length)) > _options.MaxTokens)
            {
                length = length * 3 / 4;
            }

            var piece = word.Substring(start, length);
            yield return new TextSegment(piece, page, Count(piece));
            start += length;
        }
    }

    // Keeps the trailing segments that fit in the overlap and returns their token count.
    private int KeepOverlap(List<TextSegment> window)
    {
        var keep = 0;
        var tokens = 0;
        for (var i = window.Count - 1; i >= 0 && tokens + window[i].Tokens <= _options.OverlapTokens; i--)
        {
            tokens += window[i].Tokens;
            keep++;
        }

        window.RemoveRange(0, window.Count - keep);
        return tokens;
    }

    private static TextChunk ToChunk(int ordinal, List<TextSegment> window, int tokens) =>
        new(
            ordinal,
            string.Join(' ', window.Select(s => s.Text)),
            window.Min(s => s.Page),
            window.Max(s => s.Page),
            tokens);
}
