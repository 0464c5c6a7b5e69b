using FlashRnn.Planning;

namespace FlashRnn.Bench.PlanSweep;

/// <summary>
/// Fused tilings to try for one request, kept to the combinations templates/README.md says the kernels accept, all
/// with the given input ring depth:
/// <list type="bullet">
/// <item>K CTAs per head up to the cluster size (a cluster when K &gt; 1), with 4, 8 or 16 warps, batch tiles of 8 or 16
/// and 0, 4 or 16 R tiles per warp in registers;</item>
/// <item>K beyond the cluster size (every K &gt; 1 where the device has no clusters), exchanging tagged words through
/// L2, where every CTA of the grid (heads x batch tiles x K, the request's typical batch) fits one per SM: 8, 12 or 16
/// warps, 16 or all R tiles in registers, each also with the exchange shared in clusters of 2 and 4 CTAs
/// (<see cref="KernelPlan.ExchangeCluster"/>) where the device has clusters, and for a backward each also split by
/// rows of R (<see cref="KernelPlan.BackwardRows"/>; that split needs no whole tiles of gate columns, so GRU's K = 64
/// is a candidate only there), and over grids of 4, 8 or 16 row blocks of R (<see cref="KernelPlan.BackwardRowBlocks"/>,
/// where the column block's G KR U columns make whole tiles). The planner takes 1x768 heads there (24-64 CTAs per
/// head).</item>
/// </list>
/// Whether one fits the device is left to the runtime, which checks every plan against the compiled kernel before
/// launch (a tiling that does not fit is reported as not run).
/// </summary>
internal static class PlanCandidates
{
    private static readonly int[] Warps = [4, 8, 16];
    private static readonly int[] BatchTiles = [8, 16];
    private static readonly int[] RegisterTiles = [0, 4, 16];

    private static readonly int[] GlobalWarps = [8, 12, 16];

    /// <summary>R tiles per warp that means "all of them" (the kernels cap the count at the warp's tiles).</summary>
    public const int AllRegisterTiles = 255;

    private static readonly int[] GlobalRegisterTiles = [16, AllRegisterTiles];

    private static readonly int[] ExchangeClusters = [1, 2, 4];

    private static readonly int[] RowBlocks = [4, 8, 16];

    public static IReadOnlyList<KernelPlan> For(KernelPlanRequest request, int maxClusterSize, int inputStages, int multiprocessors)
    {
        var plans = new List<KernelPlan>();
        int dh = request.HeadSize;
        if (dh % 16 != 0) return plans;
        for (int k = 1; k <= dh; k++)
        {
            if (dh % k != 0) continue;
            bool columns = Tiles(request, dh / k);
            bool rows = request.Direction == KernelDirection.Backward && (dh / k) % 2 == 0;
            if (!columns && !rows) continue;
            if (k <= maxClusterSize && columns)
            {
                foreach (int w in Warps)
                foreach (int bt in BatchTiles)
                foreach (int rt in RegisterTiles)
                    plans.Add(Candidate(request, k, bt, w, rt, inputStages, cluster: k > 1));
            }
            if (k > Math.Max(1, maxClusterSize))
            {
                foreach (int bt in BatchTiles)
                {
                    int grid = request.Heads * ((request.TypicalBatchSize + bt - 1) / bt) * k;
                    if (grid > multiprocessors) continue;
                    foreach (int xc in columns ? ExchangeClusters : [])
                    {
                        if (xc > 1 && (xc > maxClusterSize || k % xc != 0 || k == xc)) continue;
                        foreach (int w in GlobalWarps)
                        foreach (int rt in GlobalRegisterTiles)
                            plans.Add(Candidate(request, k, bt, w, rt, inputStages, cluster: false) with { ExchangeCluster = xc });
                    }
                    if (rows)
                    {
                        foreach (int w in GlobalWarps)
                        foreach (int rt in GlobalRegisterTiles)
                            plans.Add(Candidate(request, k, bt, w, rt, inputStages, cluster: false) with { BackwardRows = true });
                        foreach (int kr in RowBlocks)
                        {
                            if (kr >= k || k % kr != 0 || (request.Gates * kr * (dh / k)) % 16 != 0) continue;
                            foreach (int w in GlobalWarps)
                            foreach (int rt in GlobalRegisterTiles)
                                plans.Add(Candidate(request, k, bt, w, rt, inputStages, cluster: false) with { BackwardRowBlocks = kr });
                        }
                    }
                }
            }
        }
        return plans;
    }

    public static string Describe(KernelPlan plan)
        => $"K={plan.CtasPerHead}{(plan.UseCluster ? " cluster" : plan.CtasPerHead > 1 ? " L2" : "")}{(plan.ExchangeCluster > 1 ? $" XC={plan.ExchangeCluster}" : "")}{(plan.BackwardRows ? " rows" : "")}{(plan.BackwardRowBlocks > 1 ? $" KR={plan.BackwardRowBlocks}" : "")} W={plan.Warps} BT={plan.BatchTile} " +
           $"RT={(plan.RRegisterTiles == AllRegisterTiles ? "all" : plan.RRegisterTiles.ToString(System.Globalization.CultureInfo.InvariantCulture))} S={plan.InputStages}";

    /// <summary>Whether U = DH / K units per CTA make whole MMA tiles in the request's direction (the backward split by
    /// columns; split by rows it only needs U even).</summary>
    private static bool Tiles(KernelPlanRequest request, int units)
    {
        bool gateColumns = (request.Gates * units) % 16 == 0;
        return units % 2 == 0 && (request.Direction == KernelDirection.Forward ? gateColumns || units % 8 == 0 : gateColumns);
    }

    private static KernelPlan Candidate(KernelPlanRequest request, int k, int bt, int w, int rt, int inputStages, bool cluster) => new()
    {
        Request = request,
        ProfileId = "candidate",
        Kind = KernelKind.Fused,
        CtasPerHead = k,
        BatchTile = bt,
        Warps = w,
        RRegisterTiles = rt,
        InputStages = inputStages,
        UseCluster = cluster,
        StoreGates = true,
        Reason = $"candidate K={k}{(cluster ? " cluster" : k > 1 ? " L2" : "")} W={w} BT={bt} RT={rt}",
    };
}
