using DataDistiller.Core.Extraction;
using DataDistiller.Infrastructure.Extraction;
using DataDistiller.Infrastructure.Html;
using DataDistiller.Infrastructure.Markdown;
using DataDistiller.Infrastructure.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Extraction;

public sealed class TextExtractorSelectorTests
{
    [Theory]
    [InlineData(DocumentContentTypes.Pdf, typeof(PdfTextExtractor))]
    [InlineData(DocumentContentTypes.PlainText, typeof(PlainTextExtractor))]
    [InlineData(DocumentContentTypes.Markdown, typeof(MarkdownTextExtractor))]
    [InlineData("text/html; charset=utf-8", typeof(HtmlTextExtractor))]
    public void Select_RegisteredType_ReturnsExtractor(string contentType, Type expected)
    {
        // Arrange
        using var provider = BuildProvider([]);

        // Act
        var extractor = provider.GetRequiredService<TextExtractorSelector>().Select(contentType);

        // Assert
        Assert.IsType(expected, extractor);
    }

    [Fact]
    public void AddDocumentExtraction_ConfiguredPdfLimits_BindsOptions()
    {
        // Arrange
        using var provider = BuildProvider(new()
        {
            [$"{PdfExtractionOptions.SectionName}:MaxPages"] = "50",
            [$"{PdfExtractionOptions.SectionName}:Timeout"] = "00:00:05",
        });

        // Act
        var options = provider.GetRequiredService<IOptions<PdfExtractionOptions>>().Value;

        // Assert
        Assert.Equal(50, options.MaxPages);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
    }

    [Fact]
    public void AddDocumentExtraction_ZeroMaxPages_FailsValidation()
    {
        // Arrange
        using var provider = BuildProvider(new() { [$"{PdfExtractionOptions.SectionName}:MaxPages"] = "0" });

        // Act + Assert
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PdfExtractionOptions>>().Value);
    }

    [Fact]
    public void Select_UnknownType_ThrowsUnsupported()
    {
        // Arrange
        var selector = new TextExtractorSelector([new PlainTextExtractor()]);

        // Act
        var ex = Assert.Throws<ExtractionException>(() => selector.Select("image/png"));

        // Assert
        Assert.StartsWith(ExtractionReasons.UnsupportedContentTypePrefix, ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddDocumentExtraction()
            .BuildServiceProvider();
    }
}
