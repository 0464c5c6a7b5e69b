namespace FlashRnn.Planning
{
    /// <summary>
    /// The constants of the planner's resource and latency model. Synchronisation costs are the H100 measurements
    /// in targets.md; the others are documented estimates (see the Planning README, "Latency model").
    /// </summary>
    internal static class CostModel
    {
        /// <summary><c>__syncthreads</c>, measured on H100 (µs).</summary>
        public const double SyncthreadsMicroseconds = 0.014;

        /// <summary>Block barriers per step: after the gate tile is complete, after the new states are published.</summary>
        public const int SyncthreadsPerStep = 2;

        /// <summary>Raw cluster barrier (0.05 µs) plus a DSMEM flag round trip (0.31 µs), measured on H100.</summary>
        public const double ClusterExchangeMicroseconds = 0.05 + 0.31;

        /// <summary>
        /// One step's exchange through L2 with the templates' global-memory group barrier. targets.md's grid.sync()
        /// (1.1-1.6 µs) plus an L2 round trip (0.5 µs) predicted 1.6 µs; GPU run 3 (bench/results/gpu-run-3) measured
        /// 21.2 µs per step for LSTM bf16 1x768 with 64 CTAs per head and 2 batch tiles (128 CTAs), of which about
        /// 1 µs is the rest of the step, so the exchange costs about 20 µs at that size (bench/NOTES.md).
        /// </summary>
        public const double GridExchangeMicroseconds = 20.0;

        /// <summary>
        /// Time from requesting a step's inputs (cp.async from DRAM) to their arrival in shared memory (µs). With the
        /// inputs one step ahead, LSTM bf16 12x64 forward took 0.81 µs per step at the normal clock and 0.93 µs (1254
        /// cycles) under ncu's 1.35 GHz lock (bench/results/gpu-run-4): only ~500-700 of a step's cycles scale with the
        /// clock, the other ~0.4-0.55 µs are a fixed wait: the load. Typical H100 DRAM latency is ~0.5-0.6 µs.
        /// </summary>
        public const double InputLatencyMicroseconds = 0.6;

        /// <summary>One kernel launch inside a CUDA graph (µs), for the alternating kernel's estimate.</summary>
        public const double GraphLaunchMicroseconds = 1.1;

        /// <summary>Shared memory bandwidth per SM (bytes per clock).</summary>
        public const int SharedMemoryBytesPerClock = 128;

        /// <summary>
        /// Pointwise work: about two special-function operations (ex2, rcp) per gate and per state of a unit, at 16
        /// per clock per SM, i.e. (G + S) / 8 cycles per unit and batch row; the backward does about twice as much.
        /// </summary>
        public const int PointwiseUnitsPerCycleDivisor = 8;

        /// <summary>
        /// The pointwise epilogue is latency-bound, not throughput-bound: each thread evaluates its (unit, batch row)
        /// pairs one after another. GPU run 3 measured LSTM bf16 (G + S = 6) with 4 warps at 1.13, 1.86 and 3.28 µs per
        /// step for 1, 2 and 4 pairs per thread (48x16, 24x32, 12x64): about 0.72 µs, 1300 cycles, per pair, i.e.
        /// about 215 cycles per gate or state (accurate expf/tanhf; bench/NOTES.md). Used per pair and thread.
        /// </summary>
        public const int PointwiseLatencyCyclesPerGateOrState = 215;

        /// <summary>
        /// Registers per thread besides R tiles, accumulators and states (forward), calibrated on the ptxas counts in
        /// templates/README.md (LSTM bf16, DH 64, K 1, BT 16, 8 warps, no register tiles: 88).
        /// </summary>
        public const int BaseRegistersForward = 64;

        /// <summary>The same for the backward (templates/README.md: 87 and 119 registers for 0 and 8 register tiles).</summary>
        public const int BaseRegistersBackward = 72;

        /// <summary>Slack for rounding each shared-memory part up to 16 bytes.</summary>
        public const int AlignmentSlackBytes = 96;

        /// <summary>Rows and columns of one MMA tile of R (16 x 16).</summary>
        public const int Tile = 16;

        /// <summary>N of <c>mma.sync m16n8k*</c>: batch rows per accumulator fragment.</summary>
        public const int MmaN = 8;

        /// <summary>Float32 accumulator registers per thread per 16 x 8 fragment.</summary>
        public const int AccumulatorRegistersPerFragment = 4;

        /// <summary>Register allocation granularity per thread (256 registers per warp).</summary>
        public const int RegisterAllocationUnit = 8;
    }
}
