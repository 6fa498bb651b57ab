namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>Whether an experiment still assigns traffic.</summary>
public enum ExperimentState
{
    /// <summary>Assigns subjects to its arms.</summary>
    Running,

    /// <summary>Stopped for good; its figures stay readable.</summary>
    Stopped,
}
