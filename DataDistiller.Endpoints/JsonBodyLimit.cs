using Microsoft.AspNetCore.Mvc;

namespace DataDistiller.Endpoints;

/// <summary>
/// The size limit of JSON request bodies. Kestrel's own limit is the upload limit (hundreds of megabytes); a question
/// or an experiment is a few kilobytes, so JSON routes refuse anything past 1 MiB with 413 before buffering it.
/// </summary>
public static class JsonBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    public static TBuilder WithJsonBodyLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBytes));
}
