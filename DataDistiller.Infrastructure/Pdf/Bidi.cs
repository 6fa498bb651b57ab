namespace DataDistiller.Infrastructure.Pdf;

/// <summary>Just enough Unicode script knowledge to order PDF letters; not a full bidi algorithm.</summary>
internal static class Bidi
{
    /// <summary>-1 per right-to-left letter, +1 per other letter, 0 for digits, punctuation and spaces.</summary>
    public static int StrongDirection(string value)
    {
        var sum = 0;
        foreach (var c in value)
        {
            if (IsRightToLeft(c))
            {
                sum--;
            }
            else if (char.IsLetter(c))
            {
                sum++;
            }
        }

        return sum;
    }

    public static bool IsCjk(string value) =>
        value.Length > 0 && value[0] is (>= '\u3000' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF');

    // Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms.
    private static bool IsRightToLeft(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');
}
