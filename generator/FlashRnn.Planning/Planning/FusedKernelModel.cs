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

        public FusedKernelModel(KernelPlanRequest request, GpuProfile profile, int? largestHeadSizeBelow = null)
        {
            Request = request;
            Profile = profile;
            Problem = new Problem();
            bool forward = request.Direction == KernelDirection.Forward;
            int elementBytes = request.ElementBytes;
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

            UseCluster = Problem.AddVariable("CLUSTER", IntDomain.Range(0, profile.SupportsClusters ? 1 : 0));
            BatchTile = Problem.AddVariable("BT", IntDomain.Of(BatchTiles));
            Warps = Problem.AddVariable("W", IntDomain.Range(4, Math.Max(4, Math.Min(16, profile.MaxThreadsPerBlock / 32))));
            CtasPerSm = Problem.AddVariable("O", IntDomain.Range(1, profile.MaxBlocksPerMultiprocessor));
            int registersPerTile = elementBytes == 4 ? 8 : 4;
            int baseRegisters = forward ? CostModel.BaseRegistersForward : CostModel.BaseRegistersBackward;
            RegisterTiles = Problem.AddVariable("RT", IntDomain.Range(0, Math.Max(0, (profile.MaxRegistersPerThread - baseRegisters) / registersPerTile)), ValuePreference.High);
            // The forward stores gates whenever the backward may read them; the backward reads them when allowed
            // (recomputing is never cheaper in this model) and otherwise recomputes them in the chain.
            long storeMax = request.AllowStoredGates ? 1 : 0;
            long storeMin = forward ? storeMax : 0;
            StoreGates = Problem.AddVariable("STORE", IntDomain.Range(storeMin, storeMax), ValuePreference.High);

            IntExpr g = IntExpr.Constant("G", request.Gates);
            IntExpr s = IntExpr.Constant("S", request.States);
            IntExpr eb = IntExpr.Constant("EB", elementBytes);
            IntExpr k = CtasPerHead;
            IntExpr bt = BatchTile;
            IntExpr w = Warps;
            IntExpr o = CtasPerSm;
            IntExpr cl = UseCluster;
            IntExpr rt = RegisterTiles;
            IntExpr sg = StoreGates;

            // --- The CTA's share of the work (defined variables). ---
            // Forward: MMA rows are the CTA's G*DH/K gate columns, the reduction runs over DH, s_rec [BT, DH] is exchanged.
            // Backward: MMA rows are the CTA's DH/K units of ds_rec, the reduction over G*DH, drec [BT, G*DH] is exchanged.
            IntExpr reduction = forward ? dh : g * dh;
            IntExpr exchangeColumns = forward ? dh : g * dh;
            IntVar units = Problem.Define("U", dh / k);
            IntVar rows = Problem.Define("M", forward ? g * units : (IntExpr)units);
            IntVar mTiles = Problem.Define("MT", rows / CostModel.Tile);
            IntVar tiles = Problem.Define("TILES", mTiles * (reduction / CostModel.Tile));
            IntVar threads = Problem.Define("THREADS", 32 * w);
            IntVar exchanging = Problem.Define("X", IntExpr.Min(k - 1, 1));
            IntVar grid = Problem.Define("GRID", request.Heads * ((request.TypicalBatchSize + bt - 1) / bt) * k);
            IntExpr fragments = bt / CostModel.MmaN;

            // --- Registers per thread: base + R tiles + accumulators + states. ---
            IntExpr registers = baseRegisters + (rt * registersPerTile)
                + (fragments * ((mTiles + w - 1) / w) * CostModel.AccumulatorRegistersPerFragment)
                + (s * (((units * bt) + threads - 1) / threads));
            if (!forward)
            {
                // Recomputing the gates in the chain keeps their accumulators too.
                registers = registers + ((1 - sg) * fragments * (((g * units / CostModel.Tile) + w - 1) / w) * CostModel.AccumulatorRegistersPerFragment);
            }

            IntVar regs = Problem.Define("REGS", registers);
            IntVar allocated = Problem.Define("REGS_ALLOC", (regs + CostModel.RegisterAllocationUnit - 1) / CostModel.RegisterAllocationUnit * CostModel.RegisterAllocationUnit);

            // --- Shared memory per CTA: R not in registers, the exchanged operand, biases, gate tile, partial sums. ---
            IntVar rShared = Problem.Define("R_SMEM", (tiles - (w * rt)) * (CostModel.Tile * CostModel.Tile) * eb);
            IntExpr sharedMemory = rShared + (bt * exchangeColumns * eb * (1 + exchanging));
            if (forward)
            {
                sharedMemory = sharedMemory + (rows * 4); // the biases of the CTA's gate columns (float32)
            }

            sharedMemory = sharedMemory
                + (bt * rows * 4)
                + (IntExpr.Max(w - mTiles, 0) * CostModel.Tile * bt * 4)
                + CostModel.FlagBytes;
            if (!forward)
            {
                // Recomputing needs the forward R slice of the CTA's units and s_rec(t-1) as its input.
                sharedMemory = sharedMemory + ((1 - sg) * ((g * units * dh * eb) + (bt * dh * eb)));
            }

            IntVar smem = Problem.Define("SMEM", sharedMemory);

            // --- Constraints: structural rules first, then per-SM limits, then per-block and per-thread limits.
            // Conflict explanations keep later constraints when several would do, so they name the most direct limit
            // (a block that does not fit rather than an SM that cannot hold one such block).
            IntExpr sms = IntExpr.Constant("SMS", profile.MultiprocessorCount);
            Problem.AddConstraint(Names.ReductionTile, (reduction % CostModel.Tile).EqualTo(0));
            Problem.AddConstraint(Names.UnitsPerCta, k.Divides(dh));
            Problem.AddConstraint(Names.MTile, (rows % CostModel.Tile).EqualTo(0));
            Problem.AddConstraint(Names.ClusterNeedsExchange, cl <= exchanging);
            Problem.AddConstraint(Names.RegisterTiles, w * rt <= tiles);
            Problem.AddConstraint(Names.ThreadsPerSm, o * threads <= IntExpr.Constant("THREADS_PER_SM", profile.MaxThreadsPerMultiprocessor));
            Problem.AddConstraint(Names.RegistersPerSm, o * allocated * threads <= IntExpr.Constant("REGS_PER_SM", profile.RegistersPerMultiprocessor));
            Problem.AddConstraint(Names.SharedMemoryPerSm, o * (smem + profile.ReservedSharedMemoryPerBlock) <= IntExpr.Constant("SMEM_PER_SM", profile.SharedMemoryPerMultiprocessor));
            Problem.AddConstraint(Names.CoResidentGrid, exchanging * (1 - cl) * grid <= sms * o);
            Problem.AddConstraint(Names.ClusterSize, cl * k <= IntExpr.Constant("MAX_CLUSTER", profile.MaxClusterSize));
            Problem.AddConstraint(Names.ThreadsPerBlock, threads <= IntExpr.Constant("MAX_THREADS_PER_BLOCK", profile.MaxThreadsPerBlock));
            Problem.AddConstraint(Names.RegistersPerBlock, allocated * threads <= IntExpr.Constant("REGS_PER_BLOCK", profile.RegistersPerBlock));
            Problem.AddConstraint(Names.RegistersPerThread, regs <= IntExpr.Constant("MAX_REGS_PER_THREAD", profile.MaxRegistersPerThread));
            Problem.AddConstraint(Names.SharedMemoryPerBlock, smem <= IntExpr.Constant("SMEM_PER_BLOCK", profile.SharedMemoryPerBlockOptIn));

            // --- Objective: estimated cycles per time step (see the README's latency model). ---
            int clock = profile.ClockMHz;
            long syncthreads = Cycles(CostModel.SyncthreadsPerStep * CostModel.SyncthreadsMicroseconds, clock);
            long clusterExchange = Cycles(CostModel.ClusterExchangeMicroseconds, clock);
            long gridExchange = Cycles(CostModel.GridExchangeMicroseconds, clock);
            IntExpr synchronisation = syncthreads + (exchanging * ((cl * clusterExchange) + ((1 - cl) * gridExchange)));

            long macsPerCycle = Math.Max(1, elementBytes == 4 ? profile.TensorMacsPerClockPerMultiprocessor / 2 : profile.TensorMacsPerClockPerMultiprocessor);
            IntExpr macs = rows * bt * reduction;
            if (!forward)
            {
                macs = macs + ((1 - sg) * g * units * bt * dh);
            }

            IntExpr mma = ((o * macs) + macsPerCycle - 1) / macsPerCycle;
            IntExpr sharedTraffic = rShared + (IntExpr.Min(w, mTiles) * reduction * bt * eb) + (2 * bt * rows * 4)
                + (2 * IntExpr.Max(w - mTiles, 0) * CostModel.Tile * bt * 4);
            IntExpr sharedCycles = ((o * sharedTraffic) + CostModel.SharedMemoryBytesPerClock - 1) / CostModel.SharedMemoryBytesPerClock;
            int pointwiseFactor = forward ? 1 : 2;
            IntExpr pointwise = ((o * bt * units * (g + s) * pointwiseFactor) + CostModel.PointwiseUnitsPerCycleDivisor - 1) / CostModel.PointwiseUnitsPerCycleDivisor;
            IntExpr waves = (grid + (sms * o) - 1) / (sms * o);
            StepCycles = Problem.Define("CYCLES", waves * (synchronisation + mma + sharedCycles + pointwise));
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

        public IntVar BatchTile { get; }

        public IntVar Warps { get; }

        public IntVar CtasPerSm { get; }

        public IntVar RegisterTiles { get; }

        public IntVar StoreGates { get; }

        public IntVar Registers { get; }

        public IntVar SharedMemory { get; }

        public IntVar GridCtas { get; }

        public IntVar StepCycles { get; }

        private static long Cycles(double microseconds, int clockMHz) => (long)Math.Round(microseconds * clockMHz);

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
            public const string ReductionTile = "MMA reduction length is a multiple of 16";
            public const string UnitsPerCta = "CTAs per head divide the head size";
            public const string MTile = "MMA rows per CTA are a multiple of 16";
            public const string ClusterNeedsExchange = "clusters only when CTAs exchange";
            public const string ClusterSize = "cluster size";
            public const string RegisterTiles = "R tiles in registers";
            public const string ThreadsPerBlock = "threads per block";
            public const string RegistersPerThread = "registers per thread";
            public const string RegistersPerBlock = "registers per block";
            public const string SharedMemoryPerBlock = "shared memory per block";
            public const string SharedMemoryPerSm = "shared memory per SM";
            public const string RegistersPerSm = "registers per SM";
            public const string ThreadsPerSm = "threads per SM";
            public const string CoResidentGrid = "co-resident grid for the grid barrier";

            /// <summary>The constraints that are hardware resources (what a diagnostic should name).</summary>
            public static readonly string[] Resources =
            {
                SharedMemoryPerBlock, RegistersPerThread, RegistersPerBlock, SharedMemoryPerSm, RegistersPerSm,
                ThreadsPerSm, ThreadsPerBlock, CoResidentGrid, ClusterSize,
            };
        }
    }
}
