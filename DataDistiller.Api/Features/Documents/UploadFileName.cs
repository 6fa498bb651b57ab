namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// Makes a client's file name safe to show and store: the last path segment only (no traversal), no control
/// characters, at most 255 characters.
/// </summary>
public static class UploadFileName
{
    public const string Fallback = "document";

    public static string Sanitize(string? fileName)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name is "" or "." or "..")
        {
            return Fallback;
        }

        return name.Length <= 255 ? name : name[..255];
    }
}
