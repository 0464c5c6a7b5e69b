using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Sweep;

/// <summary>The command-line names of dtypes, modes and kernel choices, both ways.</summary>
internal static class AxisNames
{
    private static readonly (string Name, BenchDType Value)[] DTypes =
        [("bf16", BenchDType.BF16), ("fp16", BenchDType.FP16), ("fp32", BenchDType.FP32), ("tf32", BenchDType.TF32)];

    private static readonly (string Name, BenchMode Value)[] Modes =
        [("fw", BenchMode.Forward), ("fwbw", BenchMode.ForwardBackward)];

    private static readonly (string Name, KernelChoice Value)[] Kernels =
        [("auto", KernelChoice.Auto), ("fused", KernelChoice.Fused), ("alternating", KernelChoice.Alternating)];

    public static string Name(BenchDType dtype) => DTypes.Single(d => d.Value == dtype).Name;

    public static string Name(BenchMode mode) => Modes.Single(m => m.Value == mode).Name;

    public static string Name(KernelChoice kernel) => Kernels.Single(k => k.Value == kernel).Name;

    public static string Name(KernelKind kind) => kind == KernelKind.Fused ? "fused" : "alternating";

    /// <summary>
    /// <c>bf16</c>, <c>fp16</c>, <c>fp32</c> or <c>tf32</c> (float32 with single TF32 products; also <c>bfloat16</c>,
    /// <c>float16</c>, <c>half</c>, <c>float32</c>, <c>float</c>).
    /// </summary>
    public static BenchDType ParseDType(string text) => text.Trim().ToLowerInvariant() switch
    {
        "bf16" or "bfloat16" => BenchDType.BF16,
        "fp16" or "float16" or "half" => BenchDType.FP16,
        "fp32" or "float32" or "float" => BenchDType.FP32,
        "tf32" => BenchDType.TF32,
        _ => throw new FormatException($"'{text}' is not a dtype: use bf16, fp16, fp32 or tf32 (float32 with TF32 products)."),
    };

    /// <summary><c>fw</c> or <c>fwbw</c>.</summary>
    public static BenchMode ParseMode(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fw" or "forward" => BenchMode.Forward,
        "fwbw" or "forward-backward" => BenchMode.ForwardBackward,
        _ => throw new FormatException($"'{text}' is not a mode: use fw (forward) or fwbw (forward + backward)."),
    };

    /// <summary><c>auto</c>, <c>fused</c> or <c>alternating</c> (also <c>alt</c>).</summary>
    public static KernelChoice ParseKernel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => KernelChoice.Auto,
        "fused" => KernelChoice.Fused,
        "alternating" or "alt" => KernelChoice.Alternating,
        _ => throw new FormatException($"'{text}' is not a kernel choice: use auto, fused or alternating."),
    };
}
