using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Endpoints.Security;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Security;

public sealed class DocumentVisibilityTests
{
    [Theory]
    [InlineData("acme", "acme.docs", DocumentStatus.Embedding, true)]
    [InlineData("globex", "acme.docs", DocumentStatus.Embedding, false)]
    [InlineData("acme", "docs", DocumentStatus.Indexed, false)]
    [InlineData("default", "docs", DocumentStatus.Indexed, true)]
    [InlineData("default", "acme.docs", DocumentStatus.Indexed, false)]
    [InlineData("acme", "acme.docs", DocumentStatus.Deleted, false)]
    public void IsVisibleTo_ByTenantAndStatus_OnlyTheOwnersLiveDocuments(string tenant, string collection, DocumentStatus status, bool visible)
    {
        // Arrange
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CallerTenant.ClaimType, tenant)], "test"));
        var document = new DocumentRecord
        {
            DocumentId = Guid.CreateVersion7(), JobId = Guid.CreateVersion7(), Collection = collection, FileName = "a.txt",
            ContentType = "text/plain", BlobKey = "k", SizeBytes = 1, Sha256 = "00", Status = status,
            AcceptedAt = TestChanges.At, UpdatedAt = TestChanges.At,
        };

        // Act + Assert
        Assert.Equal(visible, document.IsVisibleTo(user));
        Assert.False(((DocumentRecord?)null).IsVisibleTo(user));
    }
}
