using FlashRnn.Planning;

namespace FlashRnn.Bench.Sweep;

/// <summary>
/// A value of the dtype axis: the storage dtype, and for float32 how the fused kernels multiply (<c>fp32</c>: 3xTF32,
/// about float32 accuracy; <c>tf32</c>: single TF32 products, <see cref="Gpu.RnnKernelOptions.Float32Products"/>).
/// </summary>
internal readonly record struct BenchDType(KernelDType Storage, Float32Products Products = Float32Products.Accurate)
{
    public static BenchDType BF16 { get; } = new(KernelDType.BFloat16);
    public static BenchDType FP16 { get; } = new(KernelDType.Float16);
    public static BenchDType FP32 { get; } = new(KernelDType.Float32);
    public static BenchDType TF32 { get; } = new(KernelDType.Float32, Float32Products.Tf32);

    /// <summary>The command-line and results name: <c>bf16</c>, <c>fp16</c>, <c>fp32</c> or <c>tf32</c>.</summary>
    public string Name => AxisNames.Name(this);

    /// <summary>The storage dtype's name, which the cuDNN baselines take (<c>tf32</c> compares against cuDNN <c>fp32</c>).</summary>
    public string StorageName => AxisNames.Name(this with { Products = Float32Products.Accurate });

    /// <inheritdoc/>
    public override string ToString() => Name;
}
