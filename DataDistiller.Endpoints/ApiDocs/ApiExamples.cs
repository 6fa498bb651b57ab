namespace DataDistiller.Endpoints.ApiDocs;

/// <summary>
/// Example values of request and response types, shown in the OpenAPI schemas. Typed instances, so an example
/// cannot drift from the type it shows: renaming a field breaks the build, not the docs.
/// </summary>
public sealed class ApiExamples
{
    private readonly Dictionary<Type, object> _examples = [];

    public IReadOnlyDictionary<Type, object> ByType => _examples;

    public ApiExamples Add<T>(T example)
        where T : notnull
    {
        _examples[typeof(T)] = example;
        return this;
    }
}
