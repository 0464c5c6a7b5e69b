namespace FlashRnn.Gpu;

/// <summary>Which kernel family runs a cell on the GPU.</summary>
public enum KernelChoice
{
    /// <summary>The fused persistent kernel when the plan for this GPU fits it, else the alternating one (reported
    /// through <see cref="RnnKernels.KernelSelected"/>, never silently).</summary>
    Auto = 0,

    /// <summary>The fused persistent kernel; an exception when no fused plan fits.</summary>
    Fused = 1,

    /// <summary>The alternating kernels (a matrix product and a pointwise kernel per step); any head size.</summary>
    Alternating = 2,
}

/// <summary>Options of a GPU forward or backward call.</summary>
public sealed record RnnKernelOptions
{
    /// <summary>The defaults: automatic kernel choice, default stream, gates kept for the backward pass.</summary>
    public static RnnKernelOptions Default { get; } = new();

    /// <summary>Which kernel family to run.</summary>
    public KernelChoice Kernel { get; init; } = KernelChoice.Auto;

    /// <summary>
    /// A fused plan to use instead of ConstrINT's, for experiments and tuning (for example to time other tilings,
    /// as <c>FlashRnn.Bench plans</c> does). It must be a fused plan for this call's direction, cell, shape and dtype;
    /// like any plan it is checked against the compiled kernel and the device before launch. Null: the planner's.
    /// </summary>
    public Planning.KernelPlan? FusedPlan { get; init; }

    /// <summary>The stream to run on; null for the default stream.</summary>
    public Cuda.CudaStream? Stream { get; init; }

    /// <summary>
    /// Keep the gates' recurrent parts (float32, [B, T, G, NH, DH]) for the backward pass. False saves that memory
    /// for inference; a later backward then recomputes them.
    /// </summary>
    public bool KeepGatesForBackward { get; init; } = true;

    /// <summary>
    /// How a float32 call's fused kernels multiply by R on the tensor cores: <see cref="Planning.Float32Products.Accurate"/>
    /// (the default, 3xTF32, about float32 accuracy) or <see cref="Planning.Float32Products.Tf32"/> (single TF32 products,
    /// errors near 1e-3 relative, like float32 with TF32 allowed in cuDNN; the planner then sizes the kernel for the
    /// smaller operands). bfloat16 and float16 calls ignore it; the alternating kernels and the weight-gradient GEMM
    /// multiply float32 with float32 FMAs either way.
    /// </summary>
    public Planning.Float32Products Float32Products { get; init; } = Planning.Float32Products.Accurate;
}
