using System.Text.RegularExpressions;
using FlashRnn.Cuda;
using FlashRnn.Kernels.Tests.Support;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Kernels.Tests;

/// <summary>
/// The planner's register model against ptxas: the fused kernels ConstrINT plans for the benchmark's target rows on
/// an H100 compile to sm_90 machine code without spilling registers. The model is a count of what the templates keep
/// in registers (R tiles, accumulator sets, states, a base per direction and dtype); when it undercounts, a plan
/// "fits" that ptxas can only build by spilling to local memory inside the time loop (session 9 found 40 bytes in
/// GRU 1x768's forward and 84-136 in LSTM 1x768's float32 plans). A few bytes are tolerated: ptxas of NVRTC 11.8
/// spills 4 and 8 bytes of the LSTM float32 1x768 backwards (3xTF32, TF32). Needs NVRTC, not a GPU.
/// </summary>
public partial class PlannedKernelSpillTests
{
    private const int ToleratedSpillBytes = 8;

    public static TheoryData<string, KernelDType, Float32Products, int, int, KernelDirection> TargetRows()
    {
        var data = new TheoryData<string, KernelDType, Float32Products, int, int, KernelDirection>();
        foreach (KernelDirection direction in new[] { KernelDirection.Forward, KernelDirection.Backward })
        {
            data.Add("Lstm", KernelDType.BFloat16, Float32Products.Accurate, 12, 64, direction);
            data.Add("Lstm", KernelDType.BFloat16, Float32Products.Accurate, 1, 768, direction);
            data.Add("Gru", KernelDType.BFloat16, Float32Products.Accurate, 1, 768, direction);
            data.Add("SLstm", KernelDType.BFloat16, Float32Products.Accurate, 12, 64, direction);
            data.Add("Lstm", KernelDType.Float16, Float32Products.Accurate, 12, 64, direction);
            data.Add("Lstm", KernelDType.Float32, Float32Products.Accurate, 12, 64, direction);
            data.Add("Lstm", KernelDType.Float32, Float32Products.Tf32, 12, 64, direction);
            data.Add("Lstm", KernelDType.Float32, Float32Products.Accurate, 1, 768, direction);
            data.Add("Lstm", KernelDType.Float32, Float32Products.Tf32, 1, 768, direction);
        }
        return data;
    }

    [Theory, MemberData(nameof(TargetRows))]
    public void The_planned_kernel_compiles_without_spilling(string cellName, KernelDType dtype, Float32Products products,
        int heads, int headSize, KernelDirection direction)
    {
        Assert.SkipUnless(NvrtcCompiler.IsAvailable, $"NVRTC is not installed: {NvrtcCompiler.Library}");
        PlannedKernel kernel = PlannedKernel.For(cellName, dtype, heads, headSize, direction, products: products);
        Assert.Equal(KernelKind.Fused, kernel.Plan.Kind);
        KernelProgram planned = kernel.Program!;
        var verbose = new KernelProgram(planned.Name, planned.Source, planned.Defines, [.. planned.Options, "--ptxas-options=-v"]);
        string log = NvrtcCompiler.Compile(verbose, CompileTarget.Cubin(new ComputeCapability(9, 0))).Log;

        Match spills = SpillLine().Match(log);
        Assert.True(spills.Success, $"ptxas printed no resource usage for {planned.Name}:\n{log}");
        int stores = int.Parse(spills.Groups["stores"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stores <= ToleratedSpillBytes,
            $"{planned.Name} ({kernel.Tiling}) spills {stores} bytes; the model estimated {kernel.Plan.EstimatedRegistersPerThread} registers.\n{log}");
    }

    [GeneratedRegex(@"(?<stores>\d+) bytes spill stores")]
    private static partial Regex SpillLine();
}
