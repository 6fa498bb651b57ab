using DataDistiller.Infrastructure.Minio;
using Xunit;

namespace DataDistiller.Tests.Unit.Minio;

public sealed class MinioConnectionTests
{
    [Fact]
    public void Parse_CommunityToolkitFormat_ReadsEndpointAndKeys()
    {
        var connection = MinioConnection.Parse("Endpoint=https://minio.internal:9000;AccessKey=reader;SecretKey=s3cret");

        Assert.Equal((new Uri("https://minio.internal:9000"), "reader", "s3cret"), (connection.Endpoint, connection.AccessKey, connection.SecretKey));
        Assert.DoesNotContain("s3cret", connection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint=http://minio:9000;AccessKey=a", "SecretKey")]
    [InlineData("AccessKey=a;SecretKey=b", "Endpoint")]
    [InlineData("Endpoint=minio:9000;AccessKey=a;SecretKey=b", "http://")]
    public void Parse_WhenIncomplete_SaysWhatIsMissing(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MinioConnection.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
