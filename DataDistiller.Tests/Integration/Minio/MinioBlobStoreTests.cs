using DataDistiller.Core.Ports;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Minio;

/// <summary>The MinIO adapter against s3rver, each test on a bucket of its own that the store creates.</summary>
[Collection(S3Collection.Name)]
[Trait("Category", "Integration")]
public sealed class MinioBlobStoreTests(S3rverFixture s3) : BlobStoreContractTests
{
    protected override Task<IBlobStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IBlobStore>(s3.CreateStore("t" + Guid.NewGuid().ToString("N")));
}
