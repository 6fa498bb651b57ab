using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Minio;

/// <summary>Where the MinIO/S3 blob store keeps documents; the endpoint and keys stay in <c>ConnectionStrings:minio</c>.</summary>
public sealed class MinioBlobStoreOptions
{
    public const string SectionName = "DataDistiller:BlobStore";

    /// <summary>The bucket, created at start when missing.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "Bucket must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens).")]
    public string Bucket { get; set; } = "documents";
}
