namespace FlashRnn.Planning
{
    /// <summary>Storage element type of a kernel (the value is the <c>FRG_DTYPE</c> macro; accumulation is float32).</summary>
    public enum KernelDType
    {
        /// <summary>float32 (tensor cores via tf32).</summary>
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
}
