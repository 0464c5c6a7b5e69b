using System;

namespace FlashRnn.Planning
{
    /// <summary>
    /// What to plan: the cell's shape and dtype, the direction, and the batch size the latency estimate assumes.
    /// A positional record (value equality), so generator pipelines can cache on it.
    /// </summary>
    /// <param name="Gates">G: gates (recurrent pre-activations) per unit, e.g. 4 for LSTM.</param>
    /// <param name="States">S: states per unit, e.g. 2 for LSTM (h, c).</param>
    /// <param name="Heads">NH: number of heads (independent DH x G*DH blocks of R).</param>
    /// <param name="HeadSize">DH: units per head.</param>
    /// <param name="DType">Storage dtype of R, inputs and states.</param>
    /// <param name="Direction">Forward or backward kernel.</param>
    /// <param name="TypicalBatchSize">Batch size B the latency estimate and grid size assume (default 16); the kernel accepts any B.</param>
    /// <param name="RecurrentState">Index of the state that feeds the recurrence (<c>FRG_REC_STATE</c>).</param>
    /// <param name="AllowStoredGates">Whether the forward may store gate activations for the backward (<c>FRG_STORE_GATES</c>); false saves that memory.</param>
    /// <param name="Float32Products">Float32 only: 3xTF32 (accurate) or single TF32 tensor-core products (<c>FRG_FP32_FAST_MMA</c>).</param>
    public sealed record KernelPlanRequest(
        int Gates,
        int States,
        int Heads,
        int HeadSize,
        KernelDType DType,
        KernelDirection Direction = KernelDirection.Forward,
        int TypicalBatchSize = 16,
        int RecurrentState = 0,
        bool AllowStoredGates = true,
        Float32Products Float32Products = Float32Products.Accurate)
    {
        /// <summary>Throws when a field is out of range; the message names the field and what is expected.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
        public void Validate()
        {
            Check(Gates >= 1 && Gates <= 64, nameof(Gates), Gates, "between 1 and 64");
            Check(States >= 1 && States <= 64, nameof(States), States, "between 1 and 64");
            Check(Heads >= 1 && Heads <= 65536, nameof(Heads), Heads, "between 1 and 65536");
            Check(HeadSize >= 1 && HeadSize <= 65536, nameof(HeadSize), HeadSize, "between 1 and 65536");
            Check(DType is KernelDType.Float32 or KernelDType.BFloat16 or KernelDType.Float16, nameof(DType), DType, "Float32, BFloat16 or Float16");
            Check(Direction is KernelDirection.Forward or KernelDirection.Backward, nameof(Direction), Direction, "Forward or Backward");
            Check(TypicalBatchSize >= 1 && TypicalBatchSize <= 1 << 20, nameof(TypicalBatchSize), TypicalBatchSize, "between 1 and 1048576");
            Check(RecurrentState >= 0 && RecurrentState < States, nameof(RecurrentState), RecurrentState, "a state index below States");
            Check(Float32Products is Float32Products.Accurate or Float32Products.Tf32, nameof(Float32Products), Float32Products, "Accurate or Tf32");
            Check(Float32Products == Float32Products.Accurate || DType == KernelDType.Float32, nameof(Float32Products), Float32Products,
                "Accurate for " + DType + " (TF32 products apply to Float32 kernels only)");
        }

        /// <summary>Bytes per stored element: 4 for float32, 2 for the 16-bit types.</summary>
        public int ElementBytes => DType == KernelDType.Float32 ? 4 : 2;

        /// <summary>Whether the tensor cores take single TF32 operands (float32 with <see cref="Planning.Float32Products.Tf32"/>).</summary>
        public bool SingleTf32Products => DType == KernelDType.Float32 && Float32Products == Float32Products.Tf32;

        private static void Check(bool ok, string field, object value, string expected)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(field, value, $"KernelPlanRequest.{field} is {value}; expected {expected}.");
            }
        }
    }
}
