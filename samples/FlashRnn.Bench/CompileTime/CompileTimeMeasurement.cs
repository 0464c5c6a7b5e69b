using System.Text.Json;
using FlashRnn.Bench.Results;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cache;

namespace FlashRnn.Bench.CompileTime;

/// <summary>
/// The first call of a configuration in two fresh processes sharing a new, empty kernel cache folder
/// (FLASHRNN_CACHE_DIR): the first compiles every kernel with NVRTC, the second finds them on disk. Fresh processes,
/// so nothing is in memory and no module is loaded: what a user's first and second program run cost.
/// NVRTC 12.9 and later keep a compile cache of their own in the CUDA cache folder (~/.nv/ComputeCache): a kernel
/// NVRTC compiled before on this machine, by any process, compiles several times faster (bench/results/gpu-run-17).
/// The children get a new, empty CUDA_CACHE_PATH too, so the first process is cold like a user's very first run.
/// </summary>
internal static class CompileTimeMeasurement
{
    /// <summary>Where the CUDA driver and NVRTC keep their own caches.</summary>
    private const string NvidiaCacheEnvironmentVariable = "CUDA_CACHE_PATH";

    /// <summary>Per child: compiling a declared size takes seconds; a hung kernel must not eat the device command's 10 minutes.</summary>
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(2);

    public static CompileTimeRecord Run(BenchCase c, int seed, Action<string> progress)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"flashrnn-compile-time-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string configuration = $"{c.Cell.Name} {c.DType.Name} {c.Layout} B={c.Batch} T={c.Steps} {AxisNames.Name(c.Mode)} {AxisNames.Name(c.Kernel)}";
        try
        {
            progress("compile time: first process, empty cache");
            CompileProbeRecord cold = Probe(c, seed, folder);
            progress("compile time: second process, warm disk cache");
            CompileProbeRecord warm = Probe(c, seed, folder);
            return new CompileTimeRecord(configuration, cold, warm, null);
        }
        catch (InvalidOperationException e)
        {
            return new CompileTimeRecord(configuration, null, null, e.Message);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { } // a leftover temporary folder is harmless
        }
    }

    /// <summary>The child's command line for a configuration.</summary>
    public static IReadOnlyList<string> ProbeArguments(BenchCase c, int seed) =>
    [
        "compile-time-probe", "--cell", c.Cell.Name, "--dtype", c.DType.Name, "--layout", c.Layout.ToString(),
        "--batch", c.Batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--seq", c.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--mode", AxisNames.Name(c.Mode), "--kernel", AxisNames.Name(c.Kernel),
        "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    private static CompileProbeRecord Probe(BenchCase c, int seed, string folder)
    {
        var environment = new Dictionary<string, string>
        {
            [KernelCache.DirectoryEnvironmentVariable] = folder,
            [NvidiaCacheEnvironmentVariable] = Path.Combine(folder, "nvidia-compute-cache"),
        };
        SelfProcess.Result result = SelfProcess.Run(ProbeArguments(c, seed), environment, ChildTimeout);
        string? line = result.Stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(CompileTimeProbe.OutputPrefix, StringComparison.Ordinal));
        if (line is null)
        {
            string why = result.TimedOut ? $"it ran past {ChildTimeout.TotalSeconds:F0} s" : $"exit code {result.ExitCode}";
            string tail = string.Join(" | ", (result.Stderr + "\n" + result.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(4));
            throw new InvalidOperationException($"the compile-time child process reported nothing ({why}): {tail}");
        }
        return JsonSerializer.Deserialize<CompileProbeRecord>(line[CompileTimeProbe.OutputPrefix.Length..], ResultsJson.Options)
               ?? throw new InvalidOperationException("the compile-time child process printed an empty result.");
    }
}
