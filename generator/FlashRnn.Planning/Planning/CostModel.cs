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
        /// The exchange's growth with the cluster size K (µs per CTA): each CTA stores its slice into K - 1 peers and
        /// the barrier waits for the slowest. Measured: LSTM bf16 12x64 forward with K = 2 about 0.45 µs per step slower
        /// than K = 1 (bench/results/gpu-run-10); the barrier-and-exchange phase of LSTM bf16 1x768 with K = 16 about
        /// 2300 cycles, 1.33 µs (gpu-run-13). 0.36 + 0.06 K gives 0.48 and 1.32.
        /// </summary>
        public const double ClusterExchangePerCtaMicroseconds = 0.06;

        /// <summary>
        /// An exchange through L2 as tagged words (templates/frg_fused.cuh: TaggedExchange forward, TaggedPartials
        /// backward): cycles per step independent of the size, plus <see cref="TaggedExchangeCyclesPerLine"/> per 16-byte
        /// line a thread polls. Per-phase counts of LSTM bf16 1x768 (step_profile.py, bench/results/gpu-run-41), when a
        /// line carried 8 bytes of payload: the "sync" phase (the wait for the slowest peer and the polling) measured
        /// 1700-2200 cycles with 4 lines per thread, 2000-2300 with 6, 2700-3100 with 8 and 3900-4300 with 12: about
        /// 1100 + 225 per line.
        /// </summary>
        public const int TaggedExchangeBaseCycles = 1100;

        /// <summary>Per 16-byte line that one thread polls, see <see cref="TaggedExchangeBaseCycles"/>.</summary>
        public const int TaggedExchangeCyclesPerLine = 225;

        /// <summary>
        /// The backward's reduce-scatter of partial sums through L2 (TaggedPartials, the product split by columns of R)
        /// beyond what its lines cost by <see cref="TaggedExchangeBaseCycles"/> and <see cref="TaggedExchangeCyclesPerLine"/>:
        /// LSTM bf16 1x768 (K 64, BT 8, W 12: 4 lines per thread, modelled 2000 cycles) measured an exchange phase of
        /// 6372-6612 cycles a step (step_profile.py, bench/results/gpu-run-51 and -54; 5172-5543 with half the CTAs),
        /// bound neither by L2 bandwidth nor by the polling (gpu-run-51) but by the all-to-all's latency and skew. The
        /// split by rows all-gathers drec instead; its exchange (sync phase 3337-4250 cycles at 11 lines per thread,
        /// gpu-run-54) follows the forward's line model, so it is not charged this.
        /// </summary>
        public const int PartialSumsSkewCycles = 4400;

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
        /// The pointwise epilogue is latency-bound, not throughput-bound: a thread evaluates its (unit, batch row) pairs
        /// with little overlap. Per-phase cycle counts of the LSTM bf16 12x64 forward (templates/tools/step_profile.py,
        /// bench/results/gpu-run-13; fast math, all loads of a thread's pairs before their math) put the cell phase at
        /// 380, 468 and 600 cycles for 1, 2 and 4 pairs per thread: about (G + S) x (40 + 15 x pairs) cycles.
        /// </summary>
        public const int PointwiseBaseCyclesPerGateOrState = 40;

        /// <summary>Per pair of a thread, per gate or state (see <see cref="PointwiseBaseCyclesPerGateOrState"/>).</summary>
        public const int PointwiseCyclesPerGateOrStatePerPair = 15;

        /// <summary>
        /// Backward: cycles of the cell phase per unit a thread handles, per gate or state. Per-phase counts of the LSTM
        /// bf16 12x64 backward (step_profile.py --direction backward, bench/results/gpu-run-27): 629-660 cycles for one
        /// group of 2 units (8 warps), 745 with 16 warps, 1377 for 4 units in the register epilogue (4 warps); G + S = 6.
        /// </summary>
        public const int PointwiseCyclesPerGateOrStatePerUnitBackward = 55;

        /// <summary>
        /// Backward, shared-memory epilogue: reading and adding one reduction warp's partial sums, per warp WK (the same
        /// run: 16 warps with WK = 4 took ~210 cycles per step more than 8 warps with WK = 2).
        /// </summary>
        public const int PartialSumCyclesPerWarpBackward = 50;

        /// <summary>
        /// Backward in a cluster: each further source of partial sums (the K - 1 peer CTAs' WK sets) a unit pair adds in
        /// the cell phase. The loads are independent and the loop unrolled, so they cost far less than the first set's
        /// latency (<see cref="PartialSumCyclesPerWarpBackward"/>). Not measured alone; set between the bounds two
        /// measured orderings give: LSTM bf16 3x256 ran its backward in clusters of 8 at 1.77 µs/step and of 4 at 2.04
        /// (gpu-run-56; below 17 cycles the model keeps 8 ahead), and the 16-CTA 1x768 cluster (4.39 µs/step, run 47)
        /// lost to the split by rows (2.8; above 3 cycles the model prefers rows for GRU 1x768 too). At 50 cycles, the
        /// first set's cost, the model moved 3x256 to clusters of 4.
        /// </summary>
        public const int PartialSumCyclesPerPeerSourceBackward = 10;

        /// <summary>
        /// When the forward's gates of a unit meet in shared memory instead of in one lane's accumulators: the stores,
        /// one more barrier and the loads, per reduction warp WK whose sums meet (the backward is not charged, see
        /// FusedKernelModel). The phase
        /// from the product to the cell measured 400-735 cycles with WK = 2 (LSTM 12x64, 16 warps; 1x768, 12 warps),
        /// about 1500 with WK = 4 (1x768, 8 warps) and 80-100 without (gpu-run-13, -14). Since the step's copies and
        /// pointers were worked out before the time loop (bench/NOTES.md section 7) that phase is shorter: 350-720
        /// cycles with WK = 4 and 100-200 with WK = 2 (LSTM 1x768 with 32-64 CTAs per head, gpu-run-41), so 150 per warp.
        /// </summary>
        public const int SharedSumCyclesPerWarp = 150;

        /// <summary>
        /// Requesting a later step's inputs (cp.async): 360-470 cycles per step for the warps that issue copies,
        /// measured in gpu-run-13 (it does not depend on the number of copies per thread); the same for every tiling.
        /// </summary>
        public const int InputIssueCycles = 360;

        /// <summary>
        /// Registers per thread besides R tiles, accumulators and states (forward), calibrated on the ptxas counts in
        /// templates/README.md (LSTM bf16, DH 64, K 1, BT 16, 8 warps, no register tiles: 88).
        /// </summary>
        public const int BaseRegistersForward = 64;

        /// <summary>The same for the backward (templates/README.md: 87 and 119 registers for 0 and 8 register tiles).</summary>
        public const int BaseRegistersBackward = 72;

        /// <summary>
        /// Float32 kernels' registers beyond the 16-bit base (wider B fragments and states, the TF32 conversions; 3xTF32
        /// also splits every operand into two halves): ptxas of NVRTC 11.8 for sm_90, LSTM at 12x64 (K 1, BT 8, W 8)
        /// with 0 register tiles counted forward 81 (bfloat16), 98 (single TF32), 91 (3xTF32) and backward 95, 118, 134.
        /// Without them the planner let LSTM 1x768 float32 plans spill (3xTF32 forward W 12 RT 6: 84 bytes; backward
        /// W 8 RT 8: 136 bytes; TF32 backward W 8 RT 16: 112 bytes). The 3xTF32 forward takes 8 more than the 12x64
        /// count says: LSTM 1x768 W 12 RT 5 and GRU 1x768 W 8 RT 10 still spilled 4 and 8 bytes with 16. The 3xTF32
        /// backward's 40 still lets LSTM 1x768 (K 64, W 8, RT 5) spill 48 bytes, but GRU 1x768 at RT 5 fits (248
        /// registers) and needs that many R tiles in registers for its shared memory: more would send it to the
        /// alternating kernel.
        /// </summary>
        public static int Float32ExtraRegisters(bool forward, bool singleTf32)
            => forward ? (singleTf32 ? 16 : 32) : singleTf32 ? 24 : 28;

        /// <summary>
        /// The backward's registers beyond that model when its partial sums travel through L2 (TaggedPartials' line
        /// offsets, the butterfly, the staging pointers of a multi-CTA slice): ptxas of NVRTC 11.8 for sm_90, bfloat16
        /// LSTM, counted 128 against a modelled 100 (DH 64, K 4, BT 16, W 4, 4 tiles) and 168 against 138 (DH 768, K 64,
        /// BT 8, W 12, 12 tiles); the second with 16 warps and 9 tiles, which the model let fit the 128-register cap of
        /// 512 threads, spilled 156 bytes (templates/tools/nvrtc_check.py --sass).
        /// </summary>
        public const int GlobalExchangeRegistersBackward = 28;

        /// <summary>
        /// The same for the backward split by rows (fused_backward.cu, FRG_BACKWARD_ROWS), which has no TaggedPartials
        /// but TaggedExchange's lines: ptxas of NVRTC 11.8 for sm_90, bfloat16 LSTM 1x768 (K 64, BT 8, W 12, 16 tiles)
        /// fits 168 registers without spilling, against 156 modelled without this term.
        /// </summary>
        public const int RowsExchangeRegistersBackward = 12;

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
