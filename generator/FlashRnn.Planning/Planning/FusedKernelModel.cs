using System;
using System.Collections.Generic;
using FlashRnn.ConstrInt;

namespace FlashRnn.Planning
{
    /// <summary>
    /// The fused persistent kernel's resource model (kernel-design.md) for one request and GPU profile, written as a
    /// ConstrINT problem whose objective is the estimated cycles per time step. The head size is a constant, or a
    /// variable (highest first) when searching for the largest head size that fits.
    /// </summary>
    internal sealed class FusedKernelModel
    {
        /// <summary>Batch tiles the kernel supports (<c>FRG_BATCH_TILE</c>).</summary>
        private static readonly long[] BatchTiles = { 8, 16, 32, 64 };

        /// <summary>Depths of the ring that stages each step's inputs (<c>FRG_INPUT_STAGES</c>).</summary>
        private static readonly long[] InputStageCounts = { 2, 3, 4, 6, 8 };

        public FusedKernelModel(KernelPlanRequest request, GpuProfile profile, int? largestHeadSizeBelow = null)
        {
            Request = request;
            Profile = profile;
            Problem = new Problem();
            bool forward = request.Direction == KernelDirection.Forward;
            bool float32 = request.DType == KernelDType.Float32;
            int storeBytes = request.ElementBytes;
            bool singleTf32 = request.SingleTf32Products;
            int mmaBytes = request.ElementBytes;                 // float32 operands travel as 32-bit (TF32) words
            // 3xTF32 keeps big and small parts of each element; single TF32 one 32-bit word per element.
            int registersPerTile = float32 ? (singleTf32 ? 8 : 16) : 4;
            // One 16x16 A tile in shared memory, in fragment order: 16-bit pairs, or float32 values (3xTF32 splits
            // them at each load, frg_mma.cuh).
            int tileBytes = 32 * (float32 ? 8 : 4) * 4;
            int maxCtas = Math.Max(1, profile.MultiprocessorCount * profile.MaxBlocksPerMultiprocessor);

            // --- Decision variables, in tie-break order. ---
            IntExpr dh;
            if (largestHeadSizeBelow is int below)
            {
                // Searching for the largest head size that fits: DH is a variable, largest first.
                HeadSize = Problem.AddVariable("DH", IntDomain.Of(MultiplesOf16Below(below)), ValuePreference.High);
                dh = HeadSize;
                CtasPerHead = Problem.AddVariable("K", IntDomain.Range(1, Math.Min(maxCtas, below)));
            }
            else
            {
                dh = IntExpr.Constant("DH", request.HeadSize);
                CtasPerHead = Problem.AddVariable("K", IntDomain.Of(Divisors(request.HeadSize, maxCtas)));
            }

            // The backward's product split by rows of R (FRG_BACKWARD_ROWS): drec all-gathered through L2.
            BackwardRows = Problem.AddVariable("ROWS", IntDomain.Range(0, forward ? 0 : 1), ValuePreference.High);
            UseCluster = Problem.AddVariable("CLUSTER", IntDomain.Range(0, profile.SupportsClusters ? 1 : 0));
            // Clusters that share an exchange through L2 (FRG_EXCHANGE_CLUSTER): powers of 2 up to the portable size.
            ExchangeCluster = Problem.AddVariable("XC", IntDomain.Of(ExchangeClusterSizes(profile)));
            BatchTile = Problem.AddVariable("BT", IntDomain.Of(BatchTiles));
            Warps = Problem.AddVariable("W", IntDomain.Range(4, Math.Max(4, Math.Min(16, profile.MaxThreadsPerBlock / 32))));
            CtasPerSm = Problem.AddVariable("O", IntDomain.Range(1, profile.MaxBlocksPerMultiprocessor));
            int baseRegisters = (forward ? CostModel.BaseRegistersForward : CostModel.BaseRegistersBackward)
                + (float32 ? CostModel.Float32ExtraRegisters(forward, singleTf32) : 0);
            RegisterTiles = Problem.AddVariable("RT", IntDomain.Range(0, Math.Max(0, (profile.MaxRegistersPerThread - baseRegisters) / registersPerTile)), ValuePreference.High);
            // Last in the tie-break order: among equally fast plans, the deepest input ring that fits (more slack
            // against DRAM latency) without changing any other choice.
            InputStages = Problem.AddVariable("STAGES", IntDomain.Of(InputStageCounts), ValuePreference.High);

            IntExpr g = IntExpr.Constant("G", request.Gates);
            IntExpr s = IntExpr.Constant("S", request.States);
            IntExpr sms = IntExpr.Constant("SMS", profile.MultiprocessorCount);
            IntExpr k = CtasPerHead;
            IntExpr bt = BatchTile;
            IntExpr w = Warps;
            IntExpr o = CtasPerSm;
            IntExpr cl = UseCluster;
            IntExpr xc = ExchangeCluster;
            IntExpr sharing = IntExpr.Min(xc - 1, 1);  // 1 when clusters share the exchange through L2
            IntExpr rows = BackwardRows;
            IntExpr rt = RegisterTiles;
            IntExpr stages = InputStages;

            // --- The CTA's share of the work (defined variables), as the kernel templates lay it out. ---
            // Forward: MMA rows are the CTA's G*U gate columns, the reduction runs over DH.
            // Backward: MMA rows are all DH units of ds_rec, the reduction runs over the CTA's G*U columns of drec;
            // the CTAs of a head then add their partial sums. Backward by rows: MMA rows are the CTA's U units (padded
            // to whole tiles), the reduction runs over all G*DH columns of drec, which the CTAs all-gather.
            IntVar units = Problem.Define("U", dh / k);
            // Forward with U % 8 == 0: unit blocks of UBW units (16 when G is odd and U % 16 == 0, else 8), each
            // ceil(G UBW / 16) M tiles (an odd number of 8-row halves is padded: GRU at U = 24 takes 6 M tiles for
            // its 72 gate columns). Otherwise G U / 16 M tiles (G U % 16 == 0 is then required).
            IntExpr unitBlocks = 1 - IntExpr.Min(units % 8, 1);
            IntExpr unitsPerBlock = request.Gates % 2 == 1 ? 8 * (2 - IntExpr.Min(units % 16, 1)) : IntExpr.Constant("UBW", 8);
            IntExpr tilesPerUnitBlock = ((g * (unitsPerBlock / 8)) + 1) / 2;
            IntVar mTiles = Problem.Define("MT", forward
                ? (unitBlocks * (units / unitsPerBlock) * tilesPerUnitBlock) + ((1 - unitBlocks) * (g * units / CostModel.Tile))
                : (rows * ((units + CostModel.Tile - 1) / CostModel.Tile)) + ((1 - rows) * (dh / CostModel.Tile)));
            IntVar kTiles = Problem.Define("KT", forward
                ? dh / CostModel.Tile
                : (rows * (g * dh / CostModel.Tile)) + ((1 - rows) * (g * units / CostModel.Tile)));
            IntVar tiles = Problem.Define("TILES", mTiles * kTiles);
            IntVar threads = Problem.Define("THREADS", 32 * w);
            IntVar exchanging = Problem.Define("X", IntExpr.Min(k - 1, 1));
            IntVar globalExchange = Problem.Define("XG", exchanging * (1 - UseCluster));
            IntVar grid = Problem.Define("GRID", request.Heads * ((request.TypicalBatchSize + bt - 1) / bt) * k);
            IntExpr fragments = bt / CostModel.MmaN;
            // Warps beyond the (M group, batch tile) pairs split the reduction (WK > 1); their partial sums meet in
            // shared memory. An M group is what one warp owns whole (templates/README.md, "Warp layout"): in the
            // forward with U % 8 == 0 a unit block of 8 units (16 when G is odd and U % 16 == 0), else one M tile.
            IntExpr mGroups = forward ? (unitBlocks * (units / unitsPerBlock)) + ((1 - unitBlocks) * mTiles) : mTiles;

            IntVar warpUnits = Problem.Define("WU", mGroups * fragments);
            IntVar reductionWarps = Problem.Define("WK", (w + warpUnits - 1) / warpUnits);

            // Accumulator tiles per warp: its M groups' tiles times its batch fragments. When they are fewer than 4
            // the k-loop spreads its reduction over ceil(4 / tiles) sets of them (frg::accumulator_chains, at most its
            // reduction tiles KPW), 4 registers each: GRU 1x768's forward (K 24, W 12: one 3-tile unit block per warp,
            // 2 sets) spilled 40 bytes when the model counted one tile.
            IntExpr accumulatorTiles = fragments * (mTiles / mGroups) * ((mGroups + w - 1) / w);
            IntExpr reductionTilesPerWarp = (kTiles + reductionWarps - 1) / reductionWarps;
            IntExpr accumulatorSets = IntExpr.Min(((4 + accumulatorTiles - 1) / accumulatorTiles) * accumulatorTiles,
                accumulatorTiles * reductionTilesPerWarp);

            // --- Registers per thread: base + R tiles + accumulators + states. ---
            IntExpr exchangeRegisters = forward
                ? IntExpr.Constant("NO_EXCHANGE_REGS", 0)
                : (CostModel.GlobalExchangeRegistersBackward * (globalExchange - rows)) + (CostModel.RowsExchangeRegistersBackward * rows);
            IntVar regs = Problem.Define("REGS", baseRegisters + exchangeRegisters + (rt * registersPerTile)
                + (accumulatorSets * CostModel.AccumulatorRegistersPerFragment)
                + (s * (((units * bt) + threads - 1) / threads)));
            IntVar allocated = Problem.Define("REGS_ALLOC", (regs + CostModel.RegisterAllocationUnit - 1) / CostModel.RegisterAllocationUnit * CostModel.RegisterAllocationUnit);

            // --- Shared memory per CTA (the templates' layout; rows padded by 16 bytes). ---
            // Warps that differ only in their batch tiles (WN of them, fused::WarpGrid) multiply the same R tiles, so
            // each keeps its own copy of the register tiles and the rest is stored once per (M, K) warp group:
            // WM WK (TPW - RT) tiles in shared memory. With an even split (EvenWarpSplit) and W a multiple of the
            // (M group, batch tile) pairs, WN is the batch fragments; with W dividing them, WM = gcd(W, MG) and
            // WN = W / WM when MG or W divides the other, and at most min(fragments, W) otherwise (counted so, which
            // overstates shared memory rather than understate it). gpu-run-50: LSTM 1x768 at B = 128 (BT 32, W 12,
            // WN 4) compiled to 302,592 bytes against the 224,352 the model counted when every warp's tiles were
            // taken as distinct.
            IntExpr pairsPerWarpSplit = 1 - IntExpr.Min(w % warpUnits, 1);
            IntExpr warpsDivideGroups = 1 - IntExpr.Min(mGroups % w, 1);
            IntExpr groupsDivideWarps = 1 - IntExpr.Min(w % mGroups, 1);
            IntExpr batchWarps = (pairsPerWarpSplit * fragments) + ((1 - pairsPerWarpSplit) * (
                warpsDivideGroups + ((1 - warpsDivideGroups) * ((groupsDivideWarps * (w / mGroups)) + ((1 - groupsDivideWarps) * IntExpr.Min(fragments, w))))));
            IntVar distinctRegisterTiles = Problem.Define("RT_DISTINCT", w / batchWarps * rt);
            // Shared memory holds TPW - RT tiles for every (M, K) warp group, TPW counting ceil(KT / WK) reduction
            // tiles: an uneven reduction split pads the last warps' share (Elman 1x768, K 16, W 15: 48 tiles over 5).
            IntExpr paddedTiles = mTiles * reductionWarps * reductionTilesPerWarp;
            IntVar rShared = Problem.Define("R_SMEM", (paddedTiles - distinctRegisterTiles) * tileBytes);
            IntExpr padStore = 16 / storeBytes;
            IntExpr padMma = 16 / mmaBytes;
            IntExpr sharedMemory;
            // 1 when the forward's gates meet in shared memory (one more barrier per step). The backward's partial sums
            // are not charged: the per-phase counts behind SharedSumCyclesPerWarp are forward ones, and charging them
            // moved the 12x64 backward to a slower tiling (gpu-run-15).
            IntExpr sharedSums = IntExpr.Constant("NO_SHARED_SUMS", 0);
            if (forward)
            {
                // s_rec double-buffered [BT][DH], a ring of STAGES staged Wx [BT][G U], and the gates meeting in
                // shared memory unless each lane holds all gates of its units (U % 8 == 0 and WK == 1). With that
                // register epilogue, a step's states [S][BT][U] and (when stored) gates [G][BT][U] are staged,
                // double-buffered, for coalesced stores; rows padded to 16 bytes more than a multiple of 128.
                IntExpr sharedEpilogue = IntExpr.Max(IntExpr.Min(reductionWarps - 1, 1), IntExpr.Min(units % 8, 1));
                sharedSums = sharedEpilogue;
                IntExpr stagedStates = 2 * s * bt * StageRowBytes(units * storeBytes);
                IntExpr stagedGates = request.AllowStoredGates ? 2 * g * bt * StageRowBytes(units * 4) : IntExpr.Constant("NO_STAGED_GATES", 0);
                sharedMemory = rShared
                    + (2 * bt * (dh + padMma) * mmaBytes)
                    + (stages * bt * ((g * units) + padStore) * storeBytes)
                    + (sharedEpilogue * reductionWarps * g * units * (bt + 1) * 4)
                    + ((1 - sharedEpilogue) * (stagedStates + stagedGates));
            }
            else
            {
                // drec double-buffered (by rows: all G DH columns, one buffer); Wx, gates, s(t-1) and dStates in a
                // ring of STAGES; plus the partial sums of ds_rec in shared memory unless K == 1 and WK == 1: one set
                // per source (CTA, reduction warp), twice over in a cluster, in global mode the one sum the tagged
                // partials arrive as, and by rows one set per reduction warp.
                IntExpr sharedPartials = IntExpr.Max(exchanging, IntExpr.Min(reductionWarps - 1, 1));
                IntExpr partialSets = (rows * reductionWarps) + ((1 - rows) * (globalExchange + ((1 - globalExchange) * (1 + exchanging) * k * reductionWarps)));
                IntExpr drecBuffers = (rows * bt * ((g * dh) + padMma)) + ((1 - rows) * 2 * bt * ((g * units) + padMma));
                // Exchange clusters: every CTA reduces DH / XC units of XC WK partial sums, rows [2][XC WK][BT / 2]
                // of 2 DH / XC floats padded to 8 words more than a multiple of 32 (fused_backward.cu, RLD2).
                IntExpr reducedRow = 2 * dh / xc;
                IntExpr reductionRows = sharing * 2 * xc * reductionWarps * (bt / 2) * (reducedRow + ((40 - (reducedRow % 32)) % 32)) * 4;
                sharedMemory = rShared
                    + (drecBuffers * mmaBytes)
                    + (stages * bt * ((g * units) + padStore) * storeBytes)
                    + (stages * bt * ((g * units) + 4) * 4)
                    + (stages * 2 * bt * ((s * units) + padStore) * storeBytes)
                    + (sharedPartials * partialSets * bt * (units + ((20 - (units % 16)) % 16)) * 4)
                    + reductionRows;
            }

            IntVar smem = Problem.Define("SMEM", sharedMemory + CostModel.AlignmentSlackBytes);

            // --- Constraints: structural rules first, then per-SM limits, then per-block and per-thread limits.
            // Conflict explanations keep later constraints when several would do, so they name the most direct limit
            // (a block that does not fit rather than an SM that cannot hold one such block).
            Problem.AddConstraint(Names.HeadSizeTile, (dh % CostModel.Tile).EqualTo(0));
            Problem.AddConstraint(Names.UnitsPerCta, k.Divides(dh));
            Problem.AddConstraint(Names.EvenUnits, (units % 2).EqualTo(0));
            // The backward's reduction runs over the G U gate columns in whole tiles; the forward pads a unit block's
            // odd half tile instead (templates/README.md, "tiling rules").
            Problem.AddConstraint(Names.GateColumns, forward
                ? IntExpr.Min((g * units) % CostModel.Tile, units % 8).EqualTo(0)
                : ((1 - rows) * ((g * units) % CostModel.Tile)).EqualTo(0));
            Problem.AddConstraint(Names.ClusterNeedsExchange, cl <= exchanging);
            Problem.AddConstraint(Names.ExchangeClusterDividesCtas, (k % xc).EqualTo(0));
            Problem.AddConstraint(Names.ExchangeClusterNeedsL2, sharing * (xc + 1) <= globalExchange * k);
            Problem.AddConstraint(Names.RowsNeedL2, rows * (1 + sharing) <= globalExchange);
            Problem.AddConstraint(Names.RegisterTiles, distinctRegisterTiles <= tiles);
            // The templates split warps by gcd (WarpGrid); with an even split both ways WK above is exact.
            Problem.AddConstraint(Names.EvenWarpSplit, IntExpr.Min(warpUnits % w, w % warpUnits).EqualTo(0));
            Problem.AddConstraint(Names.ThreadsPerSm, o * threads <= IntExpr.Constant("THREADS_PER_SM", profile.MaxThreadsPerMultiprocessor));
            // An SM's register file is four banks, one per scheduler, and a block's warps are dealt to them in turn: a
            // block of W warps takes ceil(W / 4) warps' registers from each bank. ptxas caps registers per thread by
            // that (NVRTC 11.8, sm_90, __launch_bounds__(32 W, 1): 168 for W = 9, 10 and 12; 255 for 5 and 7).
            IntVar registerFileThreads = Problem.Define("RF_THREADS", 128 * ((w + 3) / 4));
            Problem.AddConstraint(Names.RegistersPerSm, o * allocated * registerFileThreads <= IntExpr.Constant("REGS_PER_SM", profile.RegistersPerMultiprocessor));
            Problem.AddConstraint(Names.SharedMemoryPerSm, o * (smem + profile.ReservedSharedMemoryPerBlock) <= IntExpr.Constant("SMEM_PER_SM", profile.SharedMemoryPerMultiprocessor));
            Problem.AddConstraint(Names.CoResidentGrid, exchanging * (1 - cl) * grid <= sms * o);
            Problem.AddConstraint(Names.ClusterSize, cl * k <= IntExpr.Constant("MAX_CLUSTER", profile.MaxClusterSize));
            Problem.AddConstraint(Names.ThreadsPerBlock, threads <= IntExpr.Constant("MAX_THREADS_PER_BLOCK", profile.MaxThreadsPerBlock));
            Problem.AddConstraint(Names.RegistersPerBlock, allocated * registerFileThreads <= IntExpr.Constant("REGS_PER_BLOCK", profile.RegistersPerBlock));
            Problem.AddConstraint(Names.RegistersPerThread, regs <= IntExpr.Constant("MAX_REGS_PER_THREAD", profile.MaxRegistersPerThread));
            Problem.AddConstraint(Names.SharedMemoryPerBlock, smem <= IntExpr.Constant("SMEM_PER_BLOCK", profile.SharedMemoryPerBlockOptIn));

            // --- Objective: estimated cycles per time step (see the README's latency model). ---
            int clock = profile.ClockMHz;
            long syncthreads = Cycles(CostModel.SyncthreadsPerStep * CostModel.SyncthreadsMicroseconds, clock);
            IntExpr clusterExchange = Cycles(CostModel.ClusterExchangeMicroseconds, clock) + (k * Cycles(CostModel.ClusterExchangePerCtaMicroseconds, clock));
            // Global exchange through tagged words: a base plus a cost per 16-byte line a thread polls. Forward: the
            // K - 1 peers' slices of s_rec, each row in lines of 6 units (16-bit) or 4 (float32). Backward: the partial
            // sums of the CTA's units from every source (K WK), a line per 2 units and 2 batch rows.
            int unitsPerLine = mmaBytes == 2 ? 6 : 4;
            // Backward by rows: the K - 1 peers' slices of drec, rows of G U columns.
            IntExpr linesPolled = forward
                ? (k - 1) * bt * ((units + unitsPerLine - 1) / unitsPerLine)
                : (rows * (k - 1) * bt * (((g * units) + unitsPerLine - 1) / unitsPerLine)) + ((1 - rows) * k * reductionWarps * bt * units / 4);
            IntExpr gridExchange = CostModel.TaggedExchangeBaseCycles + (CostModel.TaggedExchangeCyclesPerLine * ((linesPolled + threads - 1) / threads))
                + (forward ? IntExpr.Constant("NO_PARTIALS", 0) : (1 - rows) * CostModel.PartialSumsSkewCycles);
            // By rows a step has a third barrier: this CTA's slice of drec complete before it is published.
            IntExpr synchronisation = syncthreads + (rows * Cycles(CostModel.SyncthreadsMicroseconds, clock))
                + (exchanging * ((cl * clusterExchange) + ((1 - cl) * gridExchange)));

            // 16-bit MMAs at the profile's rate; float32 as 3xTF32: three TF32 MMAs, each at half that rate (single
            // TF32: one).
            long macsPerCycle = Math.Max(1, float32 ? profile.TensorMacsPerClockPerMultiprocessor / (singleTf32 ? 2 : 6) : profile.TensorMacsPerClockPerMultiprocessor);
            IntExpr macs = mTiles * kTiles * (CostModel.Tile * CostModel.Tile) * bt;
            IntExpr mma = ((o * macs) + macsPerCycle - 1) / macsPerCycle;
            IntExpr sharedTraffic = rShared + (IntExpr.Min(w, mTiles) * kTiles * CostModel.Tile * bt * mmaBytes) + (2 * bt * g * units * 4);
            IntExpr sharedCycles = ((o * sharedTraffic) + CostModel.SharedMemoryBytesPerClock - 1) / CostModel.SharedMemoryBytesPerClock;
            int pointwiseFactor = forward ? 1 : 2;
            IntExpr pointwiseThroughput = ((o * bt * units * (g + s) * pointwiseFactor) + CostModel.PointwiseUnitsPerCycleDivisor - 1) / CostModel.PointwiseUnitsPerCycleDivisor;
            IntExpr pairsPerThread = ((bt * units) + threads - 1) / threads;
            // Forward: the per-phase fit of gpu-run-13. Backward: units per thread times the per-unit slope of gpu-run-27.
            // Its register epilogue (K == 1, WK == 1) gives a thread accumulator elements, one unit each; the shared-memory
            // epilogue gives it groups of two neighbouring units (fused_backward.cu), and reads one partial sum per
            // reduction warp for each.
            IntExpr registerEpilogue = (1 - exchanging) * (1 - IntExpr.Min(reductionWarps - 1, 1));
            IntExpr unitsPerThreadBackward = (registerEpilogue * pairsPerThread)
                + ((1 - registerEpilogue) * 2 * (((bt * units / 2) + threads - 1) / threads));
            // The shared-memory epilogue reads one partial sum per source: per (CTA, reduction warp) with K == 1 or in
            // a cluster (K WK), one in global mode (the tagged partials arrive summed), one per reduction warp by rows.
            // A cluster's sources beyond its own CTA's WK are charged PartialSumCyclesPerPeerSourceBackward each.
            IntExpr partialReads = globalExchange - rows + (rows * reductionWarps) + ((1 - globalExchange) * reductionWarps);
            IntExpr peerPartialReads = (1 - globalExchange) * (k - 1) * reductionWarps;
            IntExpr pointwiseLatency = forward
                ? (g + s) * (CostModel.PointwiseBaseCyclesPerGateOrState + (pairsPerThread * CostModel.PointwiseCyclesPerGateOrStatePerPair))
                : (unitsPerThreadBackward * (g + s) * CostModel.PointwiseCyclesPerGateOrStatePerUnitBackward)
                    + ((1 - registerEpilogue) * partialReads * CostModel.PartialSumCyclesPerWarpBackward)
                    + (peerPartialReads * CostModel.PartialSumCyclesPerPeerSourceBackward);
            IntExpr pointwise = IntExpr.Max(pointwiseThroughput, pointwiseLatency);
            IntExpr waves = (grid + (sms * o) - 1) / (sms * o);
            // A step's inputs are requested STAGES - 1 steps ahead, so steady state cannot run faster than one DRAM
            // round trip per STAGES - 1 steps, however short the step's own chain is.
            long dram = Cycles(CostModel.InputLatencyMicroseconds, clock);
            IntExpr inputBound = (dram + stages - 2) / (stages - 1);
            IntExpr stepFixed = CostModel.InputIssueCycles + (sharedSums * reductionWarps * CostModel.SharedSumCyclesPerWarp);
            StepCycles = Problem.Define("CYCLES", waves * IntExpr.Max(stepFixed + synchronisation + mma + sharedCycles + pointwise, inputBound));
            Registers = regs;
            SharedMemory = smem;
            GridCtas = grid;
            if (HeadSize is null)
            {
                Problem.Minimize(StepCycles);
            }
            else
            {
                Problem.Maximize(HeadSize);
            }
        }

        public KernelPlanRequest Request { get; }

        public GpuProfile Profile { get; }

        public Problem Problem { get; }

        /// <summary>The head-size variable when searching for the largest that fits; null otherwise.</summary>
        public IntVar? HeadSize { get; }

        public IntVar CtasPerHead { get; }

        public IntVar UseCluster { get; }

        /// <summary><c>FRG_EXCHANGE_CLUSTER</c>: CTAs per cluster sharing the exchange through L2 (1 = none).</summary>
        public IntVar ExchangeCluster { get; }

        /// <summary><c>FRG_BACKWARD_ROWS</c>: 1 when the backward's product is split by rows of R (always 0 forward).</summary>
        public IntVar BackwardRows { get; }

        public IntVar BatchTile { get; }

        public IntVar Warps { get; }

        public IntVar CtasPerSm { get; }

        public IntVar RegisterTiles { get; }

        public IntVar InputStages { get; }

        public IntVar Registers { get; }

        public IntVar SharedMemory { get; }

        public IntVar GridCtas { get; }

        public IntVar StepCycles { get; }

        // fused::stage_row_stride in bytes: a row of a staged-store buffer padded to 16 bytes more than a multiple of 128.
        private static IntExpr StageRowBytes(IntExpr rowBytes) => rowBytes + ((144 - (rowBytes % 128)) % 128);

        private static long Cycles(double microseconds, int clockMHz) => (long)Math.Round(microseconds * clockMHz);

        private static long[] ExchangeClusterSizes(GpuProfile profile)
        {
            var sizes = new List<long> { 1 };
            for (int size = 2; profile.SupportsClusters && size <= profile.PortableClusterSize; size *= 2)
            {
                sizes.Add(size);
            }

            return sizes.ToArray();
        }

        /// <summary>Divisors of <paramref name="value"/> up to <paramref name="limit"/>: the possible CTAs per head.</summary>
        private static long[] Divisors(int value, int limit)
        {
            var divisors = new List<long>();
            for (int d = 1; d <= Math.Min(value, limit); d++)
            {
                if (value % d == 0)
                {
                    divisors.Add(d);
                }
            }

            return divisors.ToArray();
        }

        private static long[] MultiplesOf16Below(int bound)
        {
            var values = new List<long>();
            for (int v = CostModel.Tile; v < bound; v += CostModel.Tile)
            {
                values.Add(v);
            }

            return values.ToArray();
        }

        /// <summary>Constraint names, as conflict explanations and reasons report them.</summary>
        internal static class Names
        {
            public const string HeadSizeTile = "head size is a multiple of 16";
            public const string UnitsPerCta = "CTAs per head divide the head size";
            public const string EvenUnits = "units per CTA are even";
            public const string GateColumns = "gate columns per CTA are a multiple of 16 (forward: or units per CTA a multiple of 8)";
            public const string ClusterNeedsExchange = "clusters only when CTAs exchange";
            public const string ClusterSize = "cluster size";
            public const string RegisterTiles = "R tiles in registers";
            public const string EvenWarpSplit = "warps split the M groups and batch tiles evenly";
            public const string ThreadsPerBlock = "threads per block";
            public const string RegistersPerThread = "registers per thread";
            public const string RegistersPerBlock = "registers per block";
            public const string SharedMemoryPerBlock = "shared memory per block";
            public const string SharedMemoryPerSm = "shared memory per SM";
            public const string RegistersPerSm = "registers per SM";
            public const string ThreadsPerSm = "threads per SM";
            public const string CoResidentGrid = "co-resident grid for the exchange through L2";
            public const string ExchangeClusterDividesCtas = "exchange clusters divide the CTAs of a head";
            public const string ExchangeClusterNeedsL2 = "exchange clusters only with the exchange through L2, smaller than a head's CTAs";
            public const string RowsNeedL2 = "the backward split by rows only with the exchange through L2, without exchange clusters";

            /// <summary>The constraints that are hardware resources (what a diagnostic should name).</summary>
            public static readonly string[] Resources =
            {
                SharedMemoryPerBlock, RegistersPerThread, RegistersPerBlock, SharedMemoryPerSm, RegistersPerSm,
                ThreadsPerSm, ThreadsPerBlock, CoResidentGrid, ClusterSize,
            };
        }
    }
}
