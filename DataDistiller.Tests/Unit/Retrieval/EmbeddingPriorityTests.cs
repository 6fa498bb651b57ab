using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;
using Xunit;

namespace DataDistiller.Tests.Unit.Retrieval;

public sealed class EmbeddingPriorityTests
{
    [Fact]
    public void IsUrgent_ForUrgentPassages_IsUrgentButNotAQuery()
    {
        // Arrange
        var options = EmbeddingPriority.ForUrgentPassages();

        // Act
        var urgent = EmbeddingPriority.IsUrgent(options);

        // Assert: passages keep the passage form (no query prefix) while they jump the queue.
        Assert.True(urgent);
        Assert.False(EmbeddingInputType.IsQuery(options));
    }

    [Fact]
    public void IsUrgent_ForQueries_IsUrgent() =>
        Assert.True(EmbeddingPriority.IsUrgent(EmbeddingInputType.ForQuery()));

    [Fact]
    public void IsUrgent_ForPlainOrMislabelledOptions_IsNotUrgent()
    {
        // Arrange
        var mislabelled = new EmbeddingGenerationOptions { AdditionalProperties = new AdditionalPropertiesDictionary { [EmbeddingPriority.PropertyName] = "true" } };

        // Act and assert
        Assert.False(EmbeddingPriority.IsUrgent(null));
        Assert.False(EmbeddingPriority.IsUrgent(new EmbeddingGenerationOptions()));
        Assert.False(EmbeddingPriority.IsUrgent(mislabelled));
    }
}
