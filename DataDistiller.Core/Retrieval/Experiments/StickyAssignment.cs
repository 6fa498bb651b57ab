using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>
/// Maps a subject to an arm so that the same subject always gets the same arm of an experiment, in every process
/// and after every restart, while different experiments split the same subjects independently.
/// </summary>
public static class StickyAssignment
{
    /// <summary>The number of buckets; a percent is 100 buckets.</summary>
    public const int Buckets = 10_000;

    /// <summary>The subject's bucket in the experiment, 0 to <see cref="Buckets"/> - 1.</summary>
    public static int Bucket(Guid experimentId, string subjectKey)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);

        // SHA-256 rather than string.GetHashCode: that one is randomised per process, so assignment would not survive a restart.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentId:N}:{subjectKey}"), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Buckets);
    }

    /// <summary>The arm whose cumulative percent range holds <paramref name="bucket"/>.</summary>
    public static int ArmIndex(IReadOnlyList<ExperimentArm> arms, int bucket)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bucket, Buckets);
        var upper = 0;
        for (var i = 0; i < arms.Count; i++)
        {
            upper += arms[i].Percent * (Buckets / 100);
            if (bucket < upper)
            {
                return i;
            }
        }

        throw new ArgumentException($"The arms' percents sum to {upper / (Buckets / 100)}, not 100.", nameof(arms));
    }
}
