using System.Diagnostics;
using System.Runtime.CompilerServices;

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
        string script = Path.Combine(RepositoryRoot(), "templates", "tools", "check_on_gpu.py");
        Assert.SkipUnless(File.Exists(script), $"no kernel templates at {script} (not run from the repository)");
        Assert.SkipUnless(OnPath("python3") && OnPath("g++"), "the emulator needs python3 and g++ on the PATH");

        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string jobs = Math.Max(2, Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string arg in new[] { script, "--emulate", "--only", configurations, "--jobs", jobs, "--timeout", "900" })
            start.ArgumentList.Add(arg);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Limit);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"check_on_gpu.py --emulate --only '{configurations}' ran longer than {Limit} or was cancelled");
        }

        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"check_on_gpu.py --emulate --only '{configurations}' exited with {process.ExitCode}:\n{output}");
        Assert.Contains(" 0 not passing", output);
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    private static bool OnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, program)));
}
