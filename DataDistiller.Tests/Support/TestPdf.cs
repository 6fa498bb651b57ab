using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace DataDistiller.Tests.Support;

/// <summary>Writes PDFs for tests with PdfPig's builder: one array of lines per page (none: one blank page).</summary>
public static class TestPdf
{
    public static byte[] Build(params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        if (pages.Length == 0)
        {
            builder.AddPage(PageSize.A4);
        }

        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            for (var i = 0; i < lines.Length; i++)
            {
                page.AddText(lines[i], 12, new PdfPoint(50, 750 - (i * 20)), font);
            }
        }

        return builder.Build();
    }
}
