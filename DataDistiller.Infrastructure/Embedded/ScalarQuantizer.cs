using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Symmetric int8 scalar quantisation, one scale per vector: <c>v ≈ scale × code</c> with codes in [-127, 127].
/// A dot product of two coded vectors is an integer dot product times both scales; it reads a quarter of the bytes of
/// the float one, which is what bounds an exact scan over a large collection.
/// </summary>
internal static class ScalarQuantizer
{
    /// <summary>Writes the codes of <paramref name="vector"/> into <paramref name="codes"/> and returns its scale.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        // MaxMagnitude keeps the sign of the element it picks.
        var max = vector.IsEmpty ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (max == 0f || !float.IsFinite(max))
        {
            codes.Clear();
            return 0f;
        }

        var inverse = 127f / max;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }

        return max / 127f;
    }

    /// <summary>The integer dot product of two code vectors of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> left, ReadOnlySpan<sbyte> right)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && left.Length >= Vector256<sbyte>.Count)
        {
            ref var l = ref MemoryMarshal.GetReference(left);
            ref var r = ref MemoryMarshal.GetReference(right);
            var accumulator = Vector256<int>.Zero;
            // |code| <= 127, so each 16-bit product fits and each pair sum (vpmaddwd) fits an int32 without saturating.
            for (; i <= left.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (leftLower, leftUpper) = Vector256.Widen(Vector256.LoadUnsafe(ref l, (nuint)i));
                var (rightLower, rightUpper) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(leftLower, rightLower));
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(leftUpper, rightUpper));
            }

            sum = Vector256.Sum(accumulator);
        }

        for (; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }
}
