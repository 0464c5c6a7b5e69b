using System.Collections.Generic;

namespace FlashRnn.Planning
{
    /// <summary>
    /// The planner's decision for one request on one GPU profile: the kernel kind, the fused kernel's constants,
    /// the estimated time per step and why. An immutable record with value equality (generator caches key on it).
    /// </summary>
    public sealed record KernelPlan
    {
        /// <summary>The request this plan answers.</summary>
        public KernelPlanRequest Request { get; init; } = null!;

        /// <summary>Id of the GPU profile planned for (<see cref="GpuProfile.Id"/>).</summary>
        public string ProfileId { get; init; } = "";

        /// <summary>Fused when the resource model has a solution, otherwise Alternating.</summary>
        public KernelKind Kind { get; init; }

        /// <summary><c>FRG_CTAS_PER_HEAD</c>: CTAs sharing one head's R (0 for alternating).</summary>
        public int CtasPerHead { get; init; }

        /// <summary><c>FRG_BATCH_TILE</c>: batch rows per CTA (0 for alternating).</summary>
        public int BatchTile { get; init; }

        /// <summary><c>FRG_WARPS</c>: warps per CTA (0 for alternating).</summary>
        public int Warps { get; init; }

        /// <summary><c>FRG_R_REG_TILES</c>: 16x16 tiles of R each warp keeps in registers.</summary>
        public int RRegisterTiles { get; init; }

        /// <summary><c>FRG_INPUT_STAGES</c>: depth of the ring staging each step's inputs (2..16; requested that many steps minus one ahead).</summary>
        public int InputStages { get; init; } = 2;

        /// <summary><c>FRG_USE_CLUSTER</c>: exchange through a thread block cluster (DSMEM) instead of global memory.</summary>
        public bool UseCluster { get; init; }

        /// <summary>
        /// <c>FRG_EXCHANGE_CLUSTER</c>: with the exchange through L2 (K &gt; 1, no <see cref="UseCluster"/>), clusters of
        /// this many CTAs share it through DSMEM (the forward's polling, the backward's partial sums), so L2 carries a
        /// fraction of the bytes. 1 (the default): every CTA exchanges on its own. ConstrINT keeps 1: on the H100
        /// (gpu-run-51) clusters of 2 made the LSTM 1x768 backward 8% and the forward 2x slower, and clusters of 4
        /// or more cannot hold a 128-CTA grid at once. Kept for explicit plans and further experiments.
        /// </summary>
        public int ExchangeCluster { get; init; } = 1;

        /// <summary>
        /// <c>FRG_BACKWARD_ROWS</c>, backward plans with the exchange through L2 only (K &gt; 1, no
        /// <see cref="UseCluster"/>, <see cref="ExchangeCluster"/> 1): the product is split by rows of R. Each CTA
        /// multiplies its own units' rows of R by the whole step's drec, which the CTAs all-gather as tagged 16-bit
        /// lines (the forward's exchange, G times as wide), instead of reduce-scattering float32 partial sums.
        /// </summary>
        public bool BackwardRows { get; init; }

        /// <summary>
        /// <c>FRG_BACKWARD_ROW_BLOCKS</c>, backward plans with the exchange through L2 only (as <see cref="BackwardRows"/>,
        /// which it excludes): above 1, the product runs over a grid of this many blocks of R's rows (KR, a divisor of
        /// <see cref="CtasPerHead"/> below it) by K / KR blocks of its columns. The CTAs of a row block reduce-scatter
        /// float32 partial sums of its units, those of a column block all-gather their drec, so each CTA exchanges with
        /// KR + K / KR - 2 peers a step instead of K - 1. 1 (the default): the plain split by columns or rows.
        /// ConstrINT does not search it: every grid measured slower than the row split at 1x768 (gpu-run-59: LSTM
        /// 2.96-3.83 against 2.87 us/step, GRU 3.28-3.66 against 2.45; each exchange through L2 has a ~2000-cycle
        /// floor, and a grid makes two a step), and searching it made planning ~1.5x slower. Kept for
        /// explicit plans (<c>RnnKernelOptions.FusedPlan</c>) and the benchmark's plan sweep.
        /// </summary>
        public int BackwardRowBlocks { get; init; } = 1;

        /// <summary><c>FRG_STORE_GATES</c>: the forward stores gate activations and the backward reads them (instead of recomputing).</summary>
        public bool StoreGates { get; init; }

        /// <summary>Dynamic shared memory per CTA the model reserves (bytes); the launch requests this much.</summary>
        public int SharedMemoryBytes { get; init; }

        /// <summary>The model's estimate of registers per thread (before the compiler's own allocation).</summary>
        public int EstimatedRegistersPerThread { get; init; }

        /// <summary>CTAs per SM the model assumed.</summary>
        public int CtasPerMultiprocessor { get; init; }

        /// <summary>Grid size in CTAs for <see cref="KernelPlanRequest.TypicalBatchSize"/>.</summary>
        public int GridCtas { get; init; }

        /// <summary>Estimated microseconds per time step at the typical batch size.</summary>
        public double EstimatedMicrosecondsPerStep { get; init; }

        /// <summary>Why ConstrINT chose this plan: the binding constraints, or why nothing fused fits.</summary>
        public string Reason { get; init; } = "";

        /// <summary>For an alternating plan, the resource that does not fit (e.g. "shared memory per block"); otherwise null.</summary>
        public string? LimitingResource { get; init; }

        /// <summary>For an alternating plan, ConstrINT's conflict explanation; otherwise null.</summary>
        public string? Conflict { get; init; }

        /// <summary>For an alternating plan, the largest head size below the requested one that the fused kernel fits (null if none).</summary>
        public int? LargestFusedHeadSize { get; init; }

        /// <summary>
        /// The kernel's preprocessor constants, in the order of the design's macro list. A fused plan gives all thirteen
        /// (and <c>FRG_EXCHANGE_CLUSTER</c> when clusters share an exchange through L2, <c>FRG_BACKWARD_ROWS=1</c> for a backward
        /// split by rows, <c>FRG_BACKWARD_ROW_BLOCKS</c> for a backward over a grid of blocks, <c>FRG_FP32_FAST_MMA=1</c> when it
        /// multiplies in single TF32); an alternating plan gives the shape macros
        /// (<c>FRG_DTYPE</c> ... <c>FRG_HEAD_SIZE</c>). A new list per call.
        /// </summary>
        public IReadOnlyList<MacroDefinition> GetMacroDefinitions()
        {
            var macros = new List<MacroDefinition>
            {
                new MacroDefinition("FRG_DTYPE", (int)Request.DType),
                new MacroDefinition("FRG_GATES", Request.Gates),
                new MacroDefinition("FRG_STATES", Request.States),
                new MacroDefinition("FRG_REC_STATE", Request.RecurrentState),
                new MacroDefinition("FRG_HEADS", Request.Heads),
                new MacroDefinition("FRG_HEAD_SIZE", Request.HeadSize),
            };
            if (Kind == KernelKind.Fused)
            {
                macros.Add(new MacroDefinition("FRG_CTAS_PER_HEAD", CtasPerHead));
                macros.Add(new MacroDefinition("FRG_BATCH_TILE", BatchTile));
                macros.Add(new MacroDefinition("FRG_WARPS", Warps));
                macros.Add(new MacroDefinition("FRG_R_REG_TILES", RRegisterTiles));
                macros.Add(new MacroDefinition("FRG_USE_CLUSTER", UseCluster ? 1 : 0));
                macros.Add(new MacroDefinition("FRG_STORE_GATES", StoreGates ? 1 : 0));
                macros.Add(new MacroDefinition("FRG_INPUT_STAGES", InputStages));
                if (ExchangeCluster > 1) macros.Add(new MacroDefinition("FRG_EXCHANGE_CLUSTER", ExchangeCluster));
                if (BackwardRows) macros.Add(new MacroDefinition("FRG_BACKWARD_ROWS", 1));
                if (BackwardRowBlocks > 1) macros.Add(new MacroDefinition("FRG_BACKWARD_ROW_BLOCKS", BackwardRowBlocks));
                if (Request.SingleTf32Products) macros.Add(new MacroDefinition("FRG_FP32_FAST_MMA", 1));
            }

            return macros;
        }
    }
}
