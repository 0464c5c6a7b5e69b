using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Kernels.Tests.Support;

/// <summary>
/// Compiles, on all cores and once, every program the GPU tests will launch, so the suite pays NVRTC in parallel
/// instead of one kernel at a time (the cache then serves each test from memory). Does nothing without a GPU.
/// </summary>
public sealed class KernelWarmup
{
    public KernelWarmup()
    {
        if (!CudaDevice.IsAvailable) return;
        CudaDevice device = CudaContext.Default.Device;
        CompileTarget target = CompileTarget.ForArchitecture(device.ComputeCapability);
        var programs = new List<KernelProgram>();
        foreach (TestCell cell in TestCells.All)
        foreach (KernelDType dtype in new[] { KernelDType.Float32, KernelDType.BFloat16, KernelDType.Float16 })
        foreach ((int heads, int headSize) in WarmShapes)
        {
            programs.Add(cell.Gpu.Program(KernelTemplates.Alternating, dtype, heads, headSize));
            programs.Add(cell.Gpu.Program(KernelTemplates.GradientGemm, dtype, heads, headSize));
            foreach (KernelDirection direction in new[] { KernelDirection.Forward, KernelDirection.Backward })
            {
                KernelPlan plan = cell.Gpu.PlanFor(device, direction, heads, headSize, dtype, batchSize: 3);
                if (plan.Kind != KernelKind.Fused) continue;
                string template = direction == KernelDirection.Forward ? KernelTemplates.FusedForward : KernelTemplates.FusedBackward;
                programs.Add(cell.Gpu.Program(template, dtype, heads, headSize, plan));
            }
        }
        // A program that fails to compile is reported by the test that launches it, with NVRTC's log.
        Parallel.ForEach(programs.Distinct(), program =>
        {
            try { KernelCache.Default.GetOrCompile(program, target); }
            catch (NvrtcCompilationException) { }
        });
    }

    internal static readonly (int Heads, int HeadSize)[] WarmShapes = [(48, 16), (12, 64), (6, 128), (3, 256), (1, 768)];
}
