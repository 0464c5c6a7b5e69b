using FlashRnn.Bench.Sweep;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Measure;

/// <summary>
/// How far a GPU result may lie from the float64 reference, as a norm-wise relative error ||gpu - ref|| / ||ref||, for
/// a short check sequence whose inputs are already rounded to the dtype. The fused float32 kernels multiply in 3xTF32
/// (gpu-run-44 measured 1.7e-7 forward, 5.6e-7 gradients at LSTM 12x64) or, for <c>tf32</c>, round the operands of
/// the recurrent product to a 10-bit mantissa; bfloat16 stores states with an 8-bit mantissa, float16 with an 11-bit
/// one; gradients multiply rounded values once more.
/// </summary>
internal static class ErrorBounds
{
    /// <summary>The bound for the forward outputs (states, last states).</summary>
    public static double Forward(BenchDType dtype, KernelKind kind) => dtype.Storage switch
    {
        KernelDType.Float32 => Float32(dtype, kind),
        KernelDType.BFloat16 => 3e-2,
        _ => 1e-2,
    };

    /// <summary>The bound for the gradients (dWx, dR, db, d initial states).</summary>
    public static double Gradient(BenchDType dtype, KernelKind kind) => dtype.Storage switch
    {
        KernelDType.Float32 => Float32(dtype, kind),
        KernelDType.BFloat16 => 6e-2,
        _ => 3e-2,
    };

    // The alternating kernels multiply float32 with FMAs; the fused ones in 3xTF32 (1e-5 leaves 20x the measured error)
    // or, with single TF32 products, ~1e-3 (templates/tools/check_on_gpu.py bounds that path at 3e-3).
    private static double Float32(BenchDType dtype, KernelKind kind)
        => kind != KernelKind.Fused ? 1e-4 : dtype.Products == Float32Products.Tf32 ? 5e-3 : 1e-5;

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
