using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Kernels.Tests.Support;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Kernels.Tests;

/// <summary>
/// Every kernel the generator's output leads to, for every cell, dtype and build-time plan, compiles with NVRTC to
/// sm_90 machine code (CUBIN: ptxas checks every inline-PTX instruction too). It needs no GPU, so it runs in CI
/// (NVRTC 11.8 there; 13.0 on the GPU machine).
/// </summary>
public class GeneratedKernelCompileTests
{
    private static readonly ComputeCapability Hopper = new(9, 0);

    [Theory]
    [MemberData(nameof(TestCells.Names), MemberType = typeof(TestCells))]
    public void Every_kernel_of_the_cell_compiles(string cellName)
    {
        Assert.SkipUnless(NvrtcCompiler.IsAvailable, $"NVRTC is not installed: {NvrtcCompiler.Library}");
        GpuCell cell = TestCells.ByName(cellName).Gpu;
        KernelProgram[] programs = ProgramsOf(cell).ToArray();
        Assert.NotEmpty(programs);

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(programs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, program =>
        {
            try
            {
                KernelImage image = NvrtcCompiler.Compile(program, CompileTarget.Cubin(Hopper));
                if (image.Data.Length == 0) failures.Add($"{program.Name}: empty image");
            }
            catch (NvrtcCompilationException e)
            {
                failures.Add($"{program.Name} [{string.Join(" ", e.Options)}]:\n{e.Log}");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures));
    }

    [Fact]
    public void Every_cell_has_fused_plans_for_its_declared_shapes_on_hopper()
    {
        foreach (GpuCell cell in TestCells.All.Select(c => c.Gpu).Where(c => c.DeclaredPlans.Count > 0))
        {
            Assert.Contains(cell.DeclaredPlans, p => p.ProfileId == "h100" && p.Kind == KernelKind.Fused &&
                                                     p.Request.Direction == KernelDirection.Forward);
        }
    }

    /// <summary>Alternating and GEMM programs per dtype and declared shape, fused programs per distinct plan.</summary>
    private static IEnumerable<KernelProgram> ProgramsOf(GpuCell cell)
    {
        var shapes = cell.DeclaredPlans.Select(p => (p.Request.Heads, p.Request.HeadSize)).Distinct().ToList();
        if (shapes.Count == 0) shapes.Add((2, 64));
        var seen = new HashSet<string>();
        foreach ((int heads, int headSize) in shapes)
        {
            foreach (KernelDType dtype in new[] { KernelDType.Float32, KernelDType.BFloat16, KernelDType.Float16 })
            {
                foreach (string template in new[] { KernelTemplates.Alternating, KernelTemplates.GradientGemm })
                {
                    KernelProgram program = cell.Program(template, dtype, heads, headSize);
                    if (seen.Add(program.Name + "|" + dtype)) yield return program;
                }
            }
        }
        // float32 is planned at run time (the declared plans are 16-bit): both ways of multiplying, on Hopper.
        IEnumerable<KernelPlan> float32Plans =
            from shape in shapes
            from direction in new[] { KernelDirection.Forward, KernelDirection.Backward }
            from products in new[] { Float32Products.Accurate, Float32Products.Tf32 }
            select KernelPlanner.Plan(new KernelPlanRequest(cell.Info.GateCount, cell.Info.StateCount, shape.Heads, shape.HeadSize,
                KernelDType.Float32, direction, RecurrentState: cell.Info.RecurrentState, Float32Products: products), GpuProfiles.H100);
        foreach (KernelPlan plan in cell.DeclaredPlans.Concat(float32Plans).Where(p => p.Kind == KernelKind.Fused))
        {
            string template = plan.Request.Direction == KernelDirection.Forward ? KernelTemplates.FusedForward : KernelTemplates.FusedBackward;
            KernelProgram program = cell.Program(template, plan.Request.DType, plan.Request.Heads, plan.Request.HeadSize, plan);
            string key = program.Name + "|" + string.Join(",", program.Defines.Select(d => d.Key + "=" + d.Value));
            if (seen.Add(key)) yield return program;
        }
    }
}
