using FlashRnn.Gpu;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Kernels.Tests.Support;

/// <summary>The fused kernel ConstrINT plans for a cell and shape on an H100, as the runtime would compose it (no program when the plan is not fused).</summary>
internal sealed record PlannedKernel(KernelPlan Plan, KernelProgram? Program)
{
    public static PlannedKernel For(string cellName, KernelDType dtype, int heads, int headSize, KernelDirection direction,
        int batch = 16, Float32Products products = Float32Products.Accurate)
    {
        GpuCell cell = TestCells.ByName(cellName).Gpu;
        var request = new KernelPlanRequest(cell.Info.GateCount, cell.Info.StateCount, heads, headSize, dtype, direction,
            TypicalBatchSize: batch, RecurrentState: cell.Info.RecurrentState, Float32Products: products);
        KernelPlan plan = KernelPlanner.Plan(request, GpuProfiles.H100);
        if (plan.Kind != KernelKind.Fused) return new PlannedKernel(plan, null);
        string template = direction == KernelDirection.Forward ? KernelTemplates.FusedForward : KernelTemplates.FusedBackward;
        return new PlannedKernel(plan, cell.Program(template, dtype, heads, headSize, plan));
    }

    /// <summary>The plan's tiling in one line, for failure messages.</summary>
    public string Tiling => $"K={Plan.CtasPerHead} BT={Plan.BatchTile} W={Plan.Warps} RT={Plan.RRegisterTiles} stages={Plan.InputStages} cluster={Plan.UseCluster}";
}
