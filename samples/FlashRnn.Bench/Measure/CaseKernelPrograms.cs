using FlashRnn.Bench.Sweep;
using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Measure;

/// <summary>
/// The kernel programs a configuration's calls can need, derived the way GpuRecurrence chooses them: the fused
/// program when the plan for this device is fused (Auto also checks co-residency with it), the alternating program
/// when it may run (requested, or Auto's fallback), and for fwbw the backward counterparts and the gradient GEMMs.
/// Used to compile ahead in parallel and to say which compilations a configuration's first call paid for; a program
/// this list misses is still compiled by the call itself and reported from the cache's events.
/// </summary>
internal static class CaseKernelPrograms
{
    public static IReadOnlyList<KernelProgram> For(BenchCase c, CudaDevice device)
    {
        var programs = new List<KernelProgram>();
        Add(programs, c, device, KernelDirection.Forward, KernelTemplates.FusedForward);
        if (c.Mode == BenchMode.ForwardBackward)
        {
            Add(programs, c, device, KernelDirection.Backward, KernelTemplates.FusedBackward);
            programs.Add(c.Cell.Gpu.Program(KernelTemplates.GradientGemm, c.DType.Storage, c.Layout.Heads, c.Layout.HeadSize));
        }
        return programs.Distinct().ToArray();
    }

    private static void Add(List<KernelProgram> programs, BenchCase c, CudaDevice device, KernelDirection direction, string fusedTemplate)
    {
        GpuCell cell = c.Cell.Gpu;
        (int heads, int headSize) = (c.Layout.Heads, c.Layout.HeadSize);
        KernelPlan plan = cell.PlanFor(device, direction, heads, headSize, c.DType.Storage, c.Batch, c.DType.Products);
        bool fusedPlan = plan.Kind == KernelKind.Fused;
        if (c.Kernel != KernelChoice.Alternating && fusedPlan)
            programs.Add(cell.Program(fusedTemplate, c.DType.Storage, heads, headSize, plan));
        // A grid-barrier plan may still not fit a large batch (too few co-resident CTAs); Auto then alternates.
        bool mayFallBack = !fusedPlan || (plan.CtasPerHead > 1 && !plan.UseCluster);
        if (c.Kernel == KernelChoice.Alternating || (c.Kernel == KernelChoice.Auto && mayFallBack))
            programs.Add(cell.Program(KernelTemplates.Alternating, c.DType.Storage, heads, headSize));
    }
}
