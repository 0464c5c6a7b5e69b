using System.Diagnostics;
using FlashRnn.Bench.Measure;
using FlashRnn.Bench.Results;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Planning;

namespace FlashRnn.Bench.CompileTime;

/// <summary>
/// Runs in a fresh process (see <see cref="CompileTimeMeasurement"/>): the first call of one configuration, timed
/// from after the inputs are on the device to the end of the GPU work, with the kernel cache's statistics of that
/// call (NVRTC compilations and their time, or disk reads); then a second call, served from memory.
/// </summary>
internal static class CompileTimeProbe
{
    /// <summary>The line prefix the parent looks for in the child's output.</summary>
    public const string OutputPrefix = "FRBENCH-COMPILE-PROBE ";

    public static CompileProbeRecord Run(BenchCase c, int seed) => c.DType.Storage switch
    {
        KernelDType.Float32 => Run<float>(c, seed),
        KernelDType.BFloat16 => Run<BFloat16>(c, seed),
        _ => Run<Half>(c, seed),
    };

    private static CompileProbeRecord Run<T>(BenchCase c, int seed) where T : unmanaged
    {
        KernelCache cache = KernelCache.Default;
        using var stream = new CudaStream();
        using CaseInputs<T> inputs = CaseInputs<T>.ForTiming(c, new Random(seed));
        stream.Synchronize();
        int eventsBefore = cache.Statistics.Events.Count;

        var clock = Stopwatch.StartNew();
        using (GpuCall<T>.Run(c, inputs, GpuCall<T>.Options(c, stream))) stream.Synchronize();
        double firstMs = clock.Elapsed.TotalMilliseconds;
        KernelCacheEventArgs[] events = cache.Statistics.Events.Skip(eventsBefore).ToArray();

        clock.Restart();
        using (GpuCall<T>.Run(c, inputs, GpuCall<T>.Options(c, stream))) stream.Synchronize();
        double secondMs = clock.Elapsed.TotalMilliseconds;

        KernelCacheEventArgs[] compiled = events.Where(e => e.Source == KernelCacheSource.Compiled).ToArray();
        return new CompileProbeRecord(firstMs, compiled.Length, events.Count(e => e.Source == KernelCacheSource.Disk),
            compiled.Sum(e => e.CompileTime.TotalMilliseconds), compiled.Select(e => e.CompileTime.TotalMilliseconds).DefaultIfEmpty().Max(),
            secondMs, events.Select(e => e.ToString()).ToArray());
    }
}
