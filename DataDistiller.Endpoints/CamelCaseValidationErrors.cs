using System.Text.Json;

namespace DataDistiller.Endpoints;

/// <summary>
/// Renames validation-error keys to the camelCase names clients send ("question", not "Question"): .NET 10's
/// minimal-API validation reports C# property names (dotnet/aspnetcore#61764).
/// </summary>
public static class CamelCaseValidationErrors
{
    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails is not HttpValidationProblemDetails validation)
        {
            return;
        }

        var renamed = validation.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value, StringComparer.Ordinal);
        validation.Errors.Clear();
        foreach (var (key, messages) in renamed)
        {
            validation.Errors[key] = messages;
        }
    }
}
