namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>A thumbs up or down on an answer.</summary>
public enum FeedbackRating
{
    /// <summary>The answer helped.</summary>
    Up,

    /// <summary>The answer did not help.</summary>
    Down,
}
