namespace DataDistiller.Endpoints.ApiDocs;

/// <summary>
/// The API's published description. The OpenAPI document is always served (it is part of the product); Scalar's
/// interactive reference can be switched off.
/// </summary>
public sealed class ApiDocsOptions
{
    public const string SectionName = "DataDistiller:ApiDocs";

    /// <summary>Serve Scalar's API reference at <c>/scalar</c>.</summary>
    public bool Scalar { get; set; } = true;
}
