using System.Text;
using Microsoft.ML.Tokenizers;

namespace DataDistiller.Tests.Support;

/// <summary>A BERT tokenizer over a tiny vocabulary: each listed word is one token, anything else is [UNK].</summary>
public static class TestTokenizer
{
    public static BertTokenizer Create(IEnumerable<string> words)
    {
        var vocab = new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "," }.Concat(words).Distinct();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', vocab)));
        return BertTokenizer.Create(stream, new BertOptions { LowerCaseBeforeTokenization = true });
    }
}
