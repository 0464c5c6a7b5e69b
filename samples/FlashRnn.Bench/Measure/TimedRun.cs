using System.Diagnostics;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cuda;
using FlashRnn.Gpu;

namespace FlashRnn.Bench.Measure;

/// <summary>What the timed repetitions of a configuration measured.</summary>
/// <param name="GpuMs">CUDA-event time from just before the call to just after it, per repetition.</param>
/// <param name="HostMs">Wall time of the same region including the wait for the GPU, per repetition.</param>
internal sealed record TimingOutcome(SampleStatistics GpuMs, SampleStatistics HostMs, int Warmup,
    KernelSelectedEventArgs ForwardKernel, KernelSelectedEventArgs? BackwardKernel);

/// <summary>
/// Times a configuration at full size: <c>warmup</c> untimed calls, then <c>reps</c> calls, each between two CUDA
/// events recorded on the benchmark's stream, each after an L2 flush, each waited for before the next. The events
/// enclose the whole API call, so the time includes what the runtime does around its kernels: allocating the
/// outputs and workspaces (the API allocates them per call), and for fwbw the weight-gradient kernels. The outputs
/// are disposed after the end event, outside the timed region.
/// </summary>
internal static class TimedRun
{
    public static TimingOutcome Run<T>(BenchCase c, int warmup, int reps, int seed, CudaStream stream, L2Flush flush) where T : unmanaged
    {
        if (reps < 1) throw new ArgumentOutOfRangeException(nameof(reps), reps, "At least one timed repetition is needed.");
        using CaseInputs<T> inputs = CaseInputs<T>.ForTiming(c, new Random(seed));
        RnnKernelOptions options = GpuCall<T>.Options(c, stream);
        for (int i = 0; i < warmup; i++)
        {
            using GpuCall<T> call = GpuCall<T>.Run(c, inputs, options);
            stream.Synchronize();
        }

        using var start = new CudaEvent(stream.Context);
        using var end = new CudaEvent(stream.Context);
        var gpu = new List<double>(reps);
        var host = new List<double>(reps);
        KernelSelectedEventArgs? forwardKernel = null, backwardKernel = null;
        for (int i = 0; i < reps; i++)
        {
            flush.Run(stream);
            stream.Synchronize(); // the flush must not run inside the timed region
            var clock = Stopwatch.StartNew();
            start.Record(stream);
            GpuCall<T> call = GpuCall<T>.Run(c, inputs, options);
            end.Record(stream);
            end.Synchronize();
            host.Add(clock.Elapsed.TotalMilliseconds);
            gpu.Add(CudaEvent.ElapsedMilliseconds(start, end));
            forwardKernel = call.Forward.Kernel;
            backwardKernel = call.Gradients?.Kernel;
            call.Dispose();
        }
        return new TimingOutcome(SampleStatistics.Of(gpu), SampleStatistics.Of(host), warmup, forwardKernel!, backwardKernel);
    }
}
