using DataDistiller.Core.Ingestion;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class IngestionOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new IngestionOptionsValidator().Validate(null, new IngestionOptions()).Succeeded);
    }

    [Fact]
    public void Validate_WhenRetryBaseExceedsCapOrInPlaceExceedsMax_FailsNamingBoth()
    {
        // Arrange
        var options = new IngestionOptions
        {
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
            MaxAttempts = 2,
            InPlaceAttempts = 3,
        };

        // Act
        var result = new IngestionOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Contains("RetryBaseDelay", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("InPlaceAttempts", result.FailureMessage, StringComparison.Ordinal);
    }
}
