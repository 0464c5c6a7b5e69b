using FlashRnn.Kernels.Tests.Support;

namespace FlashRnn.Kernels.Tests;

/// <summary>
/// The kernel templates run on the CPU emulator (templates/tools/emu: one OS thread per CUDA thread, compiled by g++)
/// against a float64 reference, through templates/tools/check_on_gpu.py --emulate: every index computation, fragment
/// layout, barrier and exchange protocol of the real kernels, with outputs poisoned before each launch. No GPU is
/// needed, so CI runs it: every fused and alternating path in bfloat16, and the plans that exchange through L2 in
/// float32 and float16 too (their tagged words pack 32-bit and 16-bit elements differently). The GPU machine runs the
/// same script on the GPU. Skipped where python3, g++ or the repository's templates folder is missing.
/// </summary>
public class EmulatedKernelTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(20);

    [Theory]
    [InlineData("_bf16$")]
    [InlineData("grid.*_(f32|f16)$")]
    public async Task Kernel_templates_match_the_float64_reference_on_the_cpu_emulator(string configurations)
    {
        string script = RepositoryTools.Tool("check_on_gpu.py");
        RepositoryTools.Require(script, "python3", "g++");
        string jobs = Math.Max(2, Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (int exitCode, string output) = await RepositoryTools.Python(
            [script, "--emulate", "--only", configurations, "--jobs", jobs, "--timeout", "900"], Limit);
        Assert.True(exitCode == 0, $"check_on_gpu.py --emulate --only '{configurations}' exited with {exitCode}:\n{output}");
        Assert.Contains(" 0 not passing", output);
    }
}
