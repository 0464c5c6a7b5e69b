using System.Globalization;
using System.Text.RegularExpressions;
using FlashRnn.ConstrInt;
using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Kernels.Tests.Support;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Kernels.Tests;

/// <summary>
/// The planner's shared-memory model against the kernel's own count: a fused kernel publishes its launch facts
/// (threads, dynamic shared memory, ...) in a <c>__constant__</c> array, which the PTX carries as an initialiser, so
/// NVRTC alone (no GPU) can check that the bytes ConstrINT planned cover what the compiled kernel asks for. An
/// undercount makes a plan "fit" that the runtime then cannot launch (gpu-run-50: LSTM 1x768 at B = 128 planned
/// 224,352 bytes, compiled 302,592, and fell back to the alternating kernel).
/// </summary>
public partial class PlannedSharedMemoryTests
{
    public static TheoryData<string, KernelDType, int, int, int, KernelDirection> Plans()
    {
        var data = new TheoryData<string, KernelDType, int, int, int, KernelDirection>();
        foreach (KernelDirection direction in new[] { KernelDirection.Forward, KernelDirection.Backward })
        {
            foreach (int batch in new[] { 16, 32, 64, 128, 256 })
            {
                data.Add("Lstm", KernelDType.BFloat16, 1, 768, batch, direction);
                data.Add("Gru", KernelDType.BFloat16, 1, 768, batch, direction);
                data.Add("Lstm", KernelDType.BFloat16, 12, 64, batch, direction);
            }
            data.Add("SLstm", KernelDType.BFloat16, 12, 64, 16, direction);
            data.Add("Elman", KernelDType.Float16, 1, 768, 16, direction);
            data.Add("Lstm", KernelDType.BFloat16, 3, 256, 16, direction);
            data.Add("Lstm", KernelDType.Float32, 12, 64, 16, direction);
            data.Add("Lstm", KernelDType.Float32, 1, 768, 16, direction);
        }
        return data;
    }

    [Theory, MemberData(nameof(Plans))]
    public void The_plan_reserves_the_shared_memory_the_compiled_kernel_needs(string cellName, KernelDType dtype, int heads, int headSize,
        int batch, KernelDirection direction)
    {
        Assert.SkipUnless(NvrtcCompiler.IsAvailable, $"NVRTC is not installed: {NvrtcCompiler.Library}");
        PlannedKernel kernel = PlannedKernel.For(cellName, dtype, heads, headSize, direction, batch);
        Assert.SkipUnless(kernel.Plan.Kind == KernelKind.Fused, "no fused plan for this shape");
        KernelPlan plan = kernel.Plan;
        KernelProgram program = kernel.Program!;
        bool forward = direction == KernelDirection.Forward;
        string ptx = NvrtcCompiler.Compile(program, CompileTarget.Ptx(new ComputeCapability(9, 0))).PtxText!;
        int[] facts = LaunchFacts(ptx, forward ? "frg_fused_forward_launch" : "frg_fused_backward_launch");
        int compiledBytes = facts[1];

        Assert.True(compiledBytes <= plan.SharedMemoryBytes,
            $"{program.Name} ({kernel.Tiling}): " +
            $"the kernel needs {compiledBytes} bytes of shared memory, the plan reserved {plan.SharedMemoryBytes}.");
        Assert.True(compiledBytes <= GpuProfiles.H100.SharedMemoryPerBlockOptIn, $"{program.Name} needs {compiledBytes} bytes");
    }

    /// <summary>
    /// The backward's pre-reduction rows (FRG_EXCHANGE_CLUSTER > 1) take shared memory the planner must count: for
    /// 1x768, the model's best column-split tiling with clusters of 2, 4 or 8 forced, against the compiled kernel.
    /// </summary>
    [Theory]
    [InlineData("Lstm", 2)]
    [InlineData("Lstm", 4)]
    [InlineData("Lstm", 8)]
    [InlineData("Gru", 4)]
    public void Exchange_cluster_rows_are_in_the_planned_shared_memory(string cellName, int exchangeCluster)
    {
        Assert.SkipUnless(NvrtcCompiler.IsAvailable, $"NVRTC is not installed: {NvrtcCompiler.Library}");
        PlannedKernel kernel = PlannedKernel.For(cellName, KernelDType.BFloat16, 1, 768, KernelDirection.Backward);
        KernelPlan plan = kernel.Plan;
        Assert.Equal(KernelKind.Fused, plan.Kind);

        // Exchange clusters share the column split's partial sums: ConstrINT's best such tiling for this request.
        Problem problem = KernelPlanner.BuildModel(plan.Request, GpuProfiles.H100);
        foreach ((string name, int value) in new[] { ("CLUSTER", 0), ("XC", exchangeCluster), ("ROWS", 0) })
            problem.AddConstraint("test " + name, problem.FindVariable(name)!.EqualTo(value));
        SolveResult solved = ConstraintSolver.Solve(problem);
        Assert.True(solved.HasSolution, $"no tiling of {cellName} 1x768 shares its exchange in clusters of {exchangeCluster}");
        int Value(string name) => (int)solved.Solution![problem.FindVariable(name)!];
        long plannedBytes = Value("SMEM");

        KernelPlan shared = plan with
        {
            CtasPerHead = Value("K"), BatchTile = Value("BT"), Warps = Value("W"), RRegisterTiles = Value("RT"),
            InputStages = Value("STAGES"), UseCluster = false, ExchangeCluster = exchangeCluster, BackwardRows = false, BackwardRowBlocks = 1,
        };
        KernelProgram program = TestCells.ByName(cellName).Gpu.Program(KernelTemplates.FusedBackward, KernelDType.BFloat16, 1, 768, shared);
        string ptx = NvrtcCompiler.Compile(program, CompileTarget.Ptx(new ComputeCapability(9, 0))).PtxText!;
        int[] facts = LaunchFacts(ptx, "frg_fused_backward_launch");
        Assert.True(facts[1] <= plannedBytes, $"{program.Name}: the kernel needs {facts[1]} bytes, the model counted {plannedBytes}.");
        Assert.Equal(exchangeCluster, facts[4]);  // launched in clusters of that size
        Assert.Equal(1, facts[5]);                // and cooperatively: every CTA resident
    }

    /// <summary>The ints of a <c>__constant__ int name[N] = {...}</c>, from its PTX initialiser (bytes, little-endian).</summary>
    private static int[] LaunchFacts(string ptx, string name)
    {
        Match m = Regex.Match(ptx, Regex.Escape(name) + @"\[(?<n>\d+)\]\s*=\s*\{(?<bytes>[^}]*)\}");
        Assert.True(m.Success, $"no initialised {name} in the PTX");
        byte[] bytes = m.Groups["bytes"].Value.Split(',').Select(b => byte.Parse(b.Trim(), CultureInfo.InvariantCulture)).ToArray();
        return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, 4 * i)).ToArray();
    }
}
