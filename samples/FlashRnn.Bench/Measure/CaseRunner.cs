using FlashRnn.Bench.Results;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Measure;

/// <summary>How every configuration is measured.</summary>
internal sealed record MeasureSettings(int Warmup, int Reps, int CheckSteps, int Seed);

/// <summary>
/// Measures one configuration: the correctness check on a short sequence (also its first call), then, only if the
/// check passed, the timed repetitions at full size. Failures become rows with a status and a message, never a crash;
/// after a CUDA error that leaves the context unusable, <see cref="ContextLost"/> says why and later rows are skipped.
/// </summary>
internal sealed class CaseRunner(CudaDevice device, CudaStream stream, L2Flush flush, CompileRecorder recorder, MeasureSettings settings)
{
    /// <summary>Set when a CUDA error left the context unusable; no further configuration can run in this process.</summary>
    public string? ContextLost { get; private set; }

    public BenchRow Measure(BenchCase c, int index)
    {
        if (ContextLost is not null) return RowFactory.Row(c, RowStatus.Skipped, $"not run: {ContextLost}");
        int seed = unchecked(settings.Seed + 7919 * index);
        try
        {
            return c.DType.Storage switch
            {
                KernelDType.Float32 => Measure<float>(c, seed),
                KernelDType.BFloat16 => Measure<BFloat16>(c, seed),
                _ => Measure<Half>(c, seed),
            };
        }
        catch (InvalidOperationException e) when (c.Kernel == KernelChoice.Fused)
        {
            recorder.DiscardUnattributed();
            return RowFactory.Row(c, RowStatus.Unsupported, e.Message);
        }
        // Anything else a configuration throws (CUDA, NVRTC, a shape the runtime rejects, a bug) becomes its row: one
        // bad configuration must not cost the results of all the others. Only running out of host memory ends the run.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            recorder.DiscardUnattributed();
            if (e is CudaException && !ContextHealthy(out string? why))
                ContextLost = $"the CUDA context failed after {c.Id} ({why})";
            return RowFactory.Row(c, RowStatus.Error, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private BenchRow Measure<T>(BenchCase c, int seed) where T : unmanaged
    {
        IReadOnlyList<KernelProgram> programs = CaseKernelPrograms.For(c, device);
        CheckOutcome check = CorrectnessCheck.Run<T>(c, settings.CheckSteps, seed, stream);
        BenchRow row = RowFactory.Row(c, RowStatus.Ok) with
        {
            FirstCallMs = check.FirstCallMs,
            Compile = RowFactory.Compile(recorder.Charge(programs)),
            Check = RowFactory.Check(check),
            ForwardKernel = RowFactory.Kernel(check.ForwardKernel),
            BackwardKernel = check.BackwardKernel is null ? null : RowFactory.Kernel(check.BackwardKernel),
        };
        if (!check.Passed)
        {
            string failures = string.Join(", ", check.Tensors.Where(t => !t.Passed).Select(t => $"{t.Name} {RowFormat.Error(double.IsFinite(t.Error) ? t.Error : null, true)} > {t.Bound:0e+00}"));
            return row with { Status = RowStatus.CheckFailed, Message = $"the GPU result misses the float64 reference ({failures}); not timed." };
        }

        TimingOutcome timing = TimedRun.Run<T>(c, settings.Warmup, settings.Reps, unchecked(seed + 1), stream, flush);
        return row with
        {
            Timing = RowFactory.Timing(timing, c.Steps),
            ForwardKernel = RowFactory.Kernel(timing.ForwardKernel),
            BackwardKernel = timing.BackwardKernel is null ? null : RowFactory.Kernel(timing.BackwardKernel),
        };
    }

    private bool ContextHealthy(out string? why)
    {
        try
        {
            stream.Context.Synchronize();
            why = null;
            return true;
        }
        catch (CudaException e)
        {
            why = e.ErrorName;
            return false;
        }
    }
}
