using DataDistiller.Core.Extraction;
using Xunit;

namespace DataDistiller.Tests.Unit.Extraction;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  a \t b  ", "a b")]
    [InlineData("line one  \r\n  line two", "line one\nline two")]
    [InlineData("para\n\n\n\n\nnext", "para\n\nnext")]
    [InlineData("co\u00ADop\u200Beration", "cooperation")]
    [InlineData("\uFEF7\uFE8E", "\u0644\u0623\u0627")]
    [InlineData("ＡＢＣ①", "ABC1")]
    public void Normalize_Input_FoldsAsDocumented(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void FoldToSingleLine_Paragraphs_JoinsWithSpaces() =>
        Assert.Equal("a b c", TextNormalizer.FoldToSingleLine("a\n\nb\nc"));
}
