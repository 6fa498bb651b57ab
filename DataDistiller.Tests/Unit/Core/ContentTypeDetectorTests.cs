using System.Text;
using DataDistiller.Api.Features.Documents;
using DataDistiller.Core.Extraction;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class ContentTypeDetectorTests
{
    [Theory]
    [InlineData("a.pdf", "%PDF-1.7 ...", DocumentContentTypes.Pdf)]
    [InlineData("no-extension", "%PDF-1.4", DocumentContentTypes.Pdf)]
    [InlineData("broken.pdf", "not really a pdf", DocumentContentTypes.Pdf)]
    [InlineData("notes.TXT", "plain words", DocumentContentTypes.PlainText)]
    [InlineData("readme.md", "# Title", DocumentContentTypes.Markdown)]
    [InlineData("page.htm", "<html></html>", DocumentContentTypes.Html)]
    [InlineData("notes.md", "PDF files start with %PDF-1.7 as their header", DocumentContentTypes.Markdown)]
    [InlineData("mail-attachment", "junk before\n%PDF-1.4", DocumentContentTypes.Pdf)]
    public void Detect_KnownTypes(string name, string head, string expected)
    {
        Assert.Equal(expected, ContentTypeDetector.Detect(name, Encoding.UTF8.GetBytes(head)));
    }

    [Theory]
    [InlineData("photo.png", "plain")]
    [InlineData("archive.zip", "PK")]
    public void Detect_UnsupportedExtension_ReturnsNull(string name, string head)
    {
        Assert.Null(ContentTypeDetector.Detect(name, Encoding.UTF8.GetBytes(head)));
    }

    [Fact]
    public void Detect_BinaryRenamedToTxt_ReturnsNull()
    {
        Assert.Null(ContentTypeDetector.Detect("evil.txt", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("..", UploadFileName.Fallback)]
    [InlineData("a\u0000b\nc.txt", "abc.txt")]
    [InlineData(null, UploadFileName.Fallback)]
    public void UploadFileName_Sanitize_KeepsOnlyASafeLastSegment(string? raw, string expected)
    {
        Assert.Equal(expected, UploadFileName.Sanitize(raw));
    }
}
