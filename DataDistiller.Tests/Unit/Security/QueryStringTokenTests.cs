using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace DataDistiller.Tests.Unit.Security;

public sealed class QueryStringTokenTests
{
    [Theory]
    [InlineData("/api/v2/ws", true)]
    [InlineData("/api/v2/documents/0b8f5f0e-6a2d-4c8e-9a51-3d7f2f0c1a11/events", true)]
    [InlineData("/api/v2/documents/0b8f5f0e-6a2d-4c8e-9a51-3d7f2f0c1a11", false)]
    [InlineData("/api/v2/documents/not-an-id/events", false)]
    [InlineData("/api/v2/documents/0b8f5f0e-6a2d-4c8e-9a51-3d7f2f0c1a11/events/more", false)]
    [InlineData("/api/v2/ws/extra", false)]
    [InlineData("/api/v2/search", false)]
    [InlineData("/api/v2/admin/dlq", false)]
    public void IsAllowed_ForAPath_IsTrueOnlyOnTheBrowserStreamingRoutes(string path, bool expected)
    {
        Assert.Equal(expected, QueryStringToken.IsAllowed(new PathString(path)));
    }
}
