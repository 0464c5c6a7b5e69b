namespace FlashRnn.Planning
{
    /// <summary>Storage element type of a kernel (the value is the <c>FRG_DTYPE</c> macro; accumulation is float32).</summary>
    public enum KernelDType
    {
        /// <summary>float32 (tensor cores via TF32; see <see cref="Float32Products"/>).</summary>
        Float32 = 0,

        /// <summary>bfloat16.</summary>
        BFloat16 = 1,

        /// <summary>IEEE float16.</summary>
        Float16 = 2,
    }

    /// <summary>Which pass a kernel computes.</summary>
    public enum KernelDirection
    {
        /// <summary>The forward recurrence.</summary>
        Forward,

        /// <summary>The backward recurrence (gradients through time).</summary>
        Backward,
    }

    /// <summary>Which kernel a plan selects.</summary>
    public enum KernelKind
    {
        /// <summary>One persistent launch for all time steps, R resident on chip.</summary>
        Fused,

        /// <summary>Per step a GEMM and a pointwise kernel; works for every size, the fallback.</summary>
        Alternating,
    }

    /// <summary>
    /// How a float32 kernel multiplies on the tensor cores, which take TF32 (10-bit mantissa) operands. The 16-bit
    /// dtypes multiply their own values exactly and ignore this.
    /// </summary>
    public enum Float32Products
    {
        /// <summary>
        /// 3xTF32 (the default): each operand is split into a TF32 part and a TF32 remainder and three products are
        /// summed, about float32 accuracy (~1e-7 relative per product) for three times the tensor-core work.
        /// </summary>
        Accurate = 0,

        /// <summary>
        /// Single TF32 products (what cuDNN and PyTorch do for float32 when TF32 is allowed): operands rounded to a
        /// 10-bit mantissa, a third of the tensor-core work and of the registers R needs, errors near 1e-3 relative.
        /// Storage, states, the cell's math and accumulation stay float32.
        /// </summary>
        Tf32 = 1,
    }
}
