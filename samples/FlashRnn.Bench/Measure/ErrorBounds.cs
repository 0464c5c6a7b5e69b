using FlashRnn.Planning;

namespace FlashRnn.Bench.Measure;

/// <summary>
/// How far a GPU result may lie from the float64 reference, as a norm-wise relative error ||gpu - ref|| / ||ref||, for
/// a short check sequence whose inputs are already rounded to the dtype. The same bounds as the GPU test suite
/// (tests/FlashRnn.Kernels.Tests): float32 tensor-core products round operands to TF32 in the fused kernels, bfloat16
/// stores states with an 8-bit mantissa, float16 with an 11-bit one; gradients multiply rounded values once more.
/// </summary>
internal static class ErrorBounds
{
    /// <summary>The bound for the forward outputs (states, last states).</summary>
    public static double Forward(KernelDType dtype, KernelKind kind) => dtype switch
    {
        KernelDType.Float32 => kind == KernelKind.Fused ? 5e-3 : 1e-4,
        KernelDType.BFloat16 => 3e-2,
        _ => 1e-2,
    };

    /// <summary>The bound for the gradients (dWx, dR, db, d initial states).</summary>
    public static double Gradient(KernelDType dtype, KernelKind kind) => dtype switch
    {
        KernelDType.Float32 => kind == KernelKind.Fused ? 5e-3 : 1e-4,
        KernelDType.BFloat16 => 6e-2,
        _ => 3e-2,
    };

    /// <summary>
    /// ||actual - expected|| / ||expected||; NaN when any element of <paramref name="actual"/> is not finite (a NaN
    /// must never pass a check), and the absolute norm of the difference when the reference is all zeros.
    /// </summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        if (actual.Length != expected.Length)
            throw new ArgumentException($"actual has {actual.Length} elements but expected has {expected.Length}.", nameof(actual));
        double difference = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!double.IsFinite(actual[i])) return double.NaN;
            double d = actual[i] - expected[i];
            difference += d * d;
            norm += expected[i] * expected[i];
        }
        return norm == 0 ? Math.Sqrt(difference) : Math.Sqrt(difference / norm);
    }
}
