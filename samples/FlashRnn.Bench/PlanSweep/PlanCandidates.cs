using FlashRnn.Planning;

namespace FlashRnn.Bench.PlanSweep;

/// <summary>
/// Fused tilings to try for one request: CTAs per head K (dividing DH, cluster-sized), warps, batch tile and R tiles
/// in registers, kept to the combinations templates/README.md says the kernels accept; all with the given input ring
/// depth. Whether one fits the device is
/// left to the runtime, which checks every plan against the compiled kernel before launch.
/// </summary>
internal static class PlanCandidates
{
    private static readonly int[] Warps = [4, 8, 16];
    private static readonly int[] BatchTiles = [8, 16];
    private static readonly int[] RegisterTiles = [0, 4, 16];

    public static IReadOnlyList<KernelPlan> For(KernelPlanRequest request, int maxClusterSize, int inputStages)
    {
        var plans = new List<KernelPlan>();
        int g = request.Gates, dh = request.HeadSize;
        if (dh % 16 != 0) return plans;
        for (int k = 1; k <= Math.Min(dh, maxClusterSize); k++)
        {
            if (dh % k != 0) continue;
            int units = dh / k;
            bool forwardTiles = (g * units) % 16 == 0 || units % 8 == 0;
            bool backwardTiles = (g * units) % 16 == 0;
            if (units % 2 != 0 || !(request.Direction == KernelDirection.Forward ? forwardTiles : backwardTiles)) continue;
            foreach (int w in Warps)
            foreach (int bt in BatchTiles)
            foreach (int rt in RegisterTiles)
            {
                plans.Add(new KernelPlan
                {
                    Request = request,
                    ProfileId = "candidate",
                    Kind = KernelKind.Fused,
                    CtasPerHead = k,
                    BatchTile = bt,
                    Warps = w,
                    RRegisterTiles = rt,
                    InputStages = inputStages,
                    UseCluster = k > 1,
                    StoreGates = true,
                    Reason = $"candidate K={k} W={w} BT={bt} RT={rt}",
                });
            }
        }
        return plans;
    }

    public static string Describe(KernelPlan plan)
        => $"K={plan.CtasPerHead}{(plan.UseCluster ? " cluster" : plan.CtasPerHead > 1 ? " grid" : "")} W={plan.Warps} BT={plan.BatchTile} RT={plan.RRegisterTiles} S={plan.InputStages}";
}
