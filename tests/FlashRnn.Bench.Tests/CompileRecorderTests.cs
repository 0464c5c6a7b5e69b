using FlashRnn.Bench.Measure;
using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;

namespace FlashRnn.Bench.Tests;

/// <summary>
/// Charging compilations to configurations, with real NVRTC compilations of tiny kernels to PTX (no GPU needed; CI
/// installs NVRTC). Skipped where NVRTC is missing.
/// </summary>
public sealed class CompileRecorderTests : IDisposable
{
    private static readonly CompileTarget Ptx = CompileTarget.Ptx(new ComputeCapability(8, 0));
    private readonly string _folder = Directory.CreateTempSubdirectory("frbench-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static KernelProgram Kernel(string name, string body = "out[0] = 1.0f;")
        => new(name, $"extern \"C\" __global__ void k(float* out) {{ {body} }}");

    [Fact]
    public void Each_program_is_charged_to_the_first_configuration_that_needs_it()
    {
        if (!NvrtcCompiler.IsAvailable) Assert.Skip("NVRTC is not installed");
        KernelProgram first = Kernel("first"), second = Kernel("second", "out[1] = 2.0f;"), broken = Kernel("broken", "this does not compile");
        using var recorder = new CompileRecorder(new KernelCache(_folder));

        PrecompileSummary summary = recorder.Precompile([first, second, broken], Ptx);
        Assert.Equal((3, 2, 0), (summary.Programs, summary.Compiled, summary.FromDisk));
        Assert.True(summary.NvrtcMs > 0 && summary.LongestMs <= summary.NvrtcMs);
        Assert.StartsWith("broken: ", Assert.Single(summary.Failed));

        CompileCharge a = recorder.Charge([first]);
        Assert.Equal((1, 0, 0), (a.Compiled, a.FromDisk, a.FromMemory));
        Assert.Equal(["first"], a.Programs);
        CompileCharge b = recorder.Charge([first, second]);
        Assert.Equal((1, 0, 1), (b.Compiled, b.FromDisk, b.FromMemory));
        Assert.Equal(0, recorder.Charge([second]).Compiled);
    }

    [Fact]
    public void A_second_cache_over_the_same_folder_reads_from_disk()
    {
        if (!NvrtcCompiler.IsAvailable) Assert.Skip("NVRTC is not installed");
        KernelProgram program = Kernel("cached");
        using (var cold = new CompileRecorder(new KernelCache(_folder))) cold.Precompile([program], Ptx);

        using var warm = new CompileRecorder(new KernelCache(_folder));
        PrecompileSummary summary = warm.Precompile([program], Ptx);
        Assert.Equal((0, 1), (summary.Compiled, summary.FromDisk));
        CompileCharge charge = warm.Charge([program]);
        Assert.Equal((0, 1, 0.0), (charge.Compiled, charge.FromDisk, charge.NvrtcMs));
    }

    [Fact]
    public void Compilations_during_a_first_call_are_charged_to_it()
    {
        if (!NvrtcCompiler.IsAvailable) Assert.Skip("NVRTC is not installed");
        var cache = new KernelCache(_folder);
        using var recorder = new CompileRecorder(cache);
        KernelProgram unlisted = Kernel("unlisted");
        cache.GetOrCompile(unlisted, Ptx); // as a configuration's own call would, outside the ahead-of-time pass

        CompileCharge charge = recorder.Charge([]);
        Assert.Equal((1, 0), (charge.Compiled, charge.FromMemory));
        Assert.Equal(["unlisted"], charge.Programs);
        Assert.Equal(0, recorder.Charge([]).Compiled); // charged once
    }
}
