using System.Globalization;
using System.Text;

namespace DataDistiller.Core.Extraction;

/// <summary>
/// The one normalisation every extractor applies, so the same words index the same way whatever the
/// source format: NFKC (presentation forms, ligatures, full-width letters), spaces folded, paragraph breaks kept.
/// </summary>
public static class TextNormalizer
{
    /// <summary>NFKC, spaces and tabs folded to one space, lines trimmed, 3+ line breaks collapsed to a paragraph break.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var normalized = unified.IsNormalized(NormalizationForm.FormKC) ? unified : unified.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        var pendingNewlines = 0;
        foreach (var c in normalized)
        {
            if (c is '\n' or '\r' or '\f' or '\v' or '\u0085' or '\u2028' or '\u2029')
            {
                pendingNewlines++;
                continue;
            }

            var category = char.GetUnicodeCategory(c);

            // Soft hyphens, zero-width marks and BOMs sit inside words: dropping them keeps the word whole.
            if (category == UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || category == UnicodeCategory.Control)
            {
                pendingSpace = true;
                continue;
            }

            if (builder.Length > 0)
            {
                if (pendingNewlines > 0)
                {
                    builder.Append('\n', Math.Min(pendingNewlines, 2));
                }
                else if (pendingSpace)
                {
                    builder.Append(' ');
                }
            }

            pendingSpace = false;
            pendingNewlines = 0;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Normalises, then folds every whitespace run, line breaks included, to one space: for matching phrases.</summary>
    public static string FoldToSingleLine(string text) =>
        string.Join(' ', Normalize(text).Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
