using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace DataDistiller.Infrastructure.Pdf;

/// <summary>
/// Joins a page's letters into lines in content-stream order, which keeps the reading order of
/// multi-column papers. Letters rather than PdfPig's strings, so right-to-left words can be put in
/// logical order by position without splitting ligature glyphs (an Arabic lam-khah is one letter with two characters).
/// </summary>
internal static class PdfPageTextBuilder
{
    // Fractions of the font size, chosen on the research papers: word gaps are ~0.25 em, kerning well below 0.1 em.
    private const double SpaceGap = 0.18;
    private const double LineShift = 0.5;
    private const double OverprintDistance = 0.1;

    public static string Build(IReadOnlyList<Letter> letters)
    {
        var text = new StringBuilder();
        var line = new List<List<Letter>>();
        var word = new List<Letter>();
        Letter? previous = null;
        foreach (var letter in letters)
        {
            if (string.IsNullOrEmpty(letter.Value))
            {
                continue;
            }

            if (previous is not null && IsOverprint(previous, letter))
            {
                // Fake bold draws each glyph several times at the same spot.
                continue;
            }

            if (previous is not null)
            {
                var size = Math.Max(1, Math.Max(previous.PointSize, letter.PointSize));
                var (across, gap) = Offsets(previous, letter);
                if (across > LineShift * size && !IsVerticalContinuation(previous, letter, size))
                {
                    EndWord(line, ref word);
                    AppendLine(text, line);
                }
                else if (gap > SpaceGap * size)
                {
                    EndWord(line, ref word);
                }
            }

            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                EndWord(line, ref word);
            }
            else
            {
                word.Add(letter);
            }

            previous = letter;
        }

        EndWord(line, ref word);
        AppendLine(text, line);
        return text.ToString();
    }

    private static void EndWord(List<List<Letter>> line, ref List<Letter> word)
    {
        if (word.Count > 0)
        {
            line.Add(word);
            word = [];
        }
    }

    private static void AppendLine(StringBuilder text, List<List<Letter>> line)
    {
        if (line.Count == 0)
        {
            return;
        }

        var rtl = line.Sum(w => w.Sum(l => Bidi.StrongDirection(l.Value))) < 0;
        IEnumerable<List<Letter>> words = rtl ? line.OrderByDescending(w => w.Average(CenterX)) : line;
        var first = true;
        foreach (var w in words)
        {
            if (!first)
            {
                text.Append(' ');
            }

            first = false;

            // Content streams hold right-to-left text in visual order (or any order); position gives the logical one.
            var letters = w.Sum(l => Bidi.StrongDirection(l.Value)) < 0 ? w.OrderByDescending(CenterX) : (IEnumerable<Letter>)w;
            foreach (var letter in letters)
            {
                text.Append(letter.Value);
            }
        }

        text.Append('\n');
        line.Clear();
    }

    private static double CenterX(Letter letter) => (letter.BoundingBox.Left + letter.BoundingBox.Right) / 2;

    // Distances in the previous letter's baseline frame, so rotated text (arXiv margins, table headers) stays on one line.
    private static (double Across, double Gap) Offsets(Letter previous, Letter letter)
    {
        var (dx, dy) = Direction(previous);
        var fromStart = Subtract(letter.StartBaseLine, previous.StartBaseLine);
        var across = Math.Abs((dx * fromStart.Y) - (dy * fromStart.X));
        var forward = Dot(dx, dy, Subtract(letter.StartBaseLine, previous.EndBaseLine));
        var backward = Dot(dx, dy, Subtract(previous.StartBaseLine, letter.EndBaseLine));
        return (across, Math.Max(forward, backward));
    }

    private static (double X, double Y) Direction(Letter letter)
    {
        var delta = Subtract(letter.EndBaseLine, letter.StartBaseLine);
        var length = Math.Sqrt((delta.X * delta.X) + (delta.Y * delta.Y));
        return length < 1e-6 ? (1, 0) : (delta.X / length, delta.Y / length);
    }

    private static (double X, double Y) Subtract(PdfPoint a, PdfPoint b) => (a.X - b.X, a.Y - b.Y);

    private static double Dot(double dx, double dy, (double X, double Y) v) => (dx * v.X) + (dy * v.Y);

    private static bool IsOverprint(Letter previous, Letter letter)
    {
        if (previous.Value != letter.Value)
        {
            return false;
        }

        var limit = OverprintDistance * Math.Max(1, letter.PointSize);
        return Math.Abs(previous.StartBaseLine.X - letter.StartBaseLine.X) < limit
            && Math.Abs(previous.StartBaseLine.Y - letter.StartBaseLine.Y) < limit;
    }

    // Vertical Japanese stacks glyphs top to bottom at the same x: one line, no spaces.
    private static bool IsVerticalContinuation(Letter previous, Letter letter, double size)
    {
        var verticalGap = previous.BoundingBox.Bottom - letter.BoundingBox.Top;
        return Bidi.IsCjk(previous.Value) && Bidi.IsCjk(letter.Value)
            && Math.Abs(CenterX(previous) - CenterX(letter)) < 0.3 * size
            && verticalGap > -0.5 * size && verticalGap < 0.8 * size;
    }
}
