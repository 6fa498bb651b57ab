using DataDistiller.Core.Extraction;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Html;
using DataDistiller.Infrastructure.Markdown;
using DataDistiller.Infrastructure.Pdf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataDistiller.Infrastructure.Extraction;

public static class ExtractionServiceCollectionExtensions
{
    /// <summary>Registers the PDF, plain text, Markdown and HTML extractors, their options and <see cref="TextExtractorSelector"/>.</summary>
    public static IServiceCollection AddDocumentExtraction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PdfExtractionOptions>()
            .BindConfiguration(PdfExtractionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextExtractor, PdfTextExtractor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextExtractor, PlainTextExtractor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextExtractor, MarkdownTextExtractor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITextExtractor, HtmlTextExtractor>());
        services.TryAddSingleton<TextExtractorSelector>();
        return services;
    }
}
