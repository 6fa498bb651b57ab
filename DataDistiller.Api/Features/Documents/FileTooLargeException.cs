using DataDistiller.Core.Ports;

namespace DataDistiller.Api.Features.Documents;

/// <summary>Thrown by <see cref="UploadFileStream"/> when a file part goes past the per-file limit, to stop its copy into the blob store.</summary>
public sealed class FileTooLargeException : ContentReadException
{
    public FileTooLargeException()
    {
    }

    public FileTooLargeException(string message)
        : base(message)
    {
    }

    public FileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
