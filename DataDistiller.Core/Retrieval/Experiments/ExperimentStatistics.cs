namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>The statistics behind the per-arm figures: percentiles and the two-proportion z-test.</summary>
public static class ExperimentStatistics
{
    /// <summary>
    /// The <paramref name="percentile"/> (0 to 100) of ascending <paramref name="sorted"/> values, interpolated
    /// linearly between the closest ranks (numpy's default); null when there are no values.
    /// </summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = percentile / 100 * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>
    /// Compares the success rate <paramref name="successes"/>/<paramref name="trials"/> with the baseline's under the
    /// pooled null hypothesis that both are equal; null when either side has no trials or the pooled rate is 0 or 1.
    /// </summary>
    public static ZTest? TwoProportionZTest(int baselineSuccesses, int baselineTrials, int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baselineSuccesses);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baselineSuccesses, baselineTrials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (baselineTrials == 0 || trials == 0)
        {
            return null;
        }

        var pooled = (double)(baselineSuccesses + successes) / (baselineTrials + trials);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / baselineTrials) + (1.0 / trials)));
        if (standardError == 0)
        {
            return null;
        }

        var z = (((double)successes / trials) - ((double)baselineSuccesses / baselineTrials)) / standardError;
        return new ZTest(z, Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }

    /// <summary>The complementary error function, with a relative error below 1.2e-7 (Numerical Recipes' erfcc).</summary>
    public static double Erfc(double x)
    {
        var t = 1 / (1 + (0.5 * Math.Abs(x)));
        var polynomial = 0.0;
        for (var i = s_erfcCoefficients.Length - 1; i >= 0; i--)
        {
            polynomial = s_erfcCoefficients[i] + (t * polynomial);
        }

        var r = t * Math.Exp(-(x * x) + polynomial);
        return x >= 0 ? r : 2 - r;
    }

    // Chebyshev fit of erfc(z) = t * exp(-z^2 + sum c_i t^i), t = 1 / (1 + z/2).
    private static readonly double[] s_erfcCoefficients =
        [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
}
