using UglyToad.PdfPig;
using UglyToad.PdfPig.AcroForms.Fields;
using UglyToad.PdfPig.Tokens;

namespace DataDistiller.Infrastructure.Pdf;

/// <summary>
/// Filled AcroForm values live in widget annotations, not in the page content, so page text alone
/// misses them. Each filled field becomes a "label: value" line on its page.
/// </summary>
internal static class PdfFormText
{
    private static readonly NameToken s_xfa = NameToken.Create("XFA");

    /// <summary>True for a pure XFA form: the pages only hold a "needs Adobe Reader" placeholder.</summary>
    public static bool IsXfaOnly(PdfDocument document) =>
        document.TryGetForm(out var form) && form.Dictionary.ContainsKey(s_xfa) && form.Fields.Count == 0;

    /// <summary>Lines per page number; fields without a page go on page 1.</summary>
    public static Dictionary<int, List<string>> ByPage(PdfDocument document)
    {
        var lines = new Dictionary<int, List<string>>();
        if (!document.TryGetForm(out var form))
        {
            return lines;
        }

        foreach (var field in form.Fields)
        {
            Collect(field, field.PageNumber, lines);
        }

        return lines;
    }

    private static void Collect(AcroFieldBase field, int? inheritedPage, Dictionary<int, List<string>> lines)
    {
        var page = field.PageNumber ?? inheritedPage;
        if (field is AcroNonTerminalField parent)
        {
            foreach (var child in parent.Children)
            {
                Collect(child, page, lines);
            }

            return;
        }

        var value = ValueOf(field);
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var label = string.IsNullOrWhiteSpace(field.Information.AlternateName)
            ? field.Information.PartialName
            : field.Information.AlternateName;
        var line = string.IsNullOrWhiteSpace(label) ? value : $"{label}: {value}";
        var number = page ?? 1;
        if (!lines.TryGetValue(number, out var pageLines))
        {
            pageLines = [];
            lines[number] = pageLines;
        }

        pageLines.Add(line);
    }

    private static string? ValueOf(AcroFieldBase field) => field switch
    {
        AcroTextField text => text.Value,
        AcroComboBoxField combo => string.Join(", ", combo.SelectedOptions),
        AcroListBoxField list => string.Join(", ", list.SelectedOptions),
        AcroCheckboxField checkbox => checkbox.IsChecked ? "Yes" : null,
        AcroRadioButtonField radio => radio.IsSelected ? radio.CurrentValue?.Data : null,
        _ => null,
    };
}
