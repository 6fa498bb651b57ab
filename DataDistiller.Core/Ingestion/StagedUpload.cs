using DataDistiller.Core.Ports;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// A file's bytes, stored under the document id they will have, before the document exists: the upload can still be
/// refused (a later file of the request is bad), and then only the blob is removed.
/// </summary>
/// <param name="DocumentId">The id the document gets when the upload is accepted.</param>
/// <param name="Blob">Where the bytes are, their size and SHA-256.</param>
/// <param name="StartedAt">When storing began (a <see cref="TimeProvider"/> timestamp), so the upload's duration counts the bytes too.</param>
public sealed record StagedUpload(Guid DocumentId, StoredBlob Blob, long StartedAt);
