using FlashRnn.Bench.Measure;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.PlanSweep;

/// <summary>One tiling's measured time per call (median of CUDA-event timings), or why it did not run.</summary>
internal sealed record PlanTime(string Plan, bool IsPlannersChoice, double? Milliseconds, double PlannedMicrosecondsPerStep, string? Problem);

/// <summary>
/// Times a forward or a backward pass with each given fused plan (through RnnKernelOptions.FusedPlan), on the same
/// inputs. For the backward pass, one forward pass (the planner's) provides the states and gates every timing reuses.
/// </summary>
internal static class PlanTiming
{
    public static IReadOnlyList<PlanTime> Run<T>(BenchCase c, KernelDirection direction, KernelPlan plannersChoice,
        IReadOnlyList<KernelPlan> candidates, int reps, int seed, Action<string> log) where T : unmanaged
    {
        using var stream = new CudaStream();
        using CaseInputs<T> inputs = CaseInputs<T>.ForTiming(c with { Mode = BenchMode.ForwardBackward }, new Random(seed));
        GpuCell cell = c.Cell.Gpu;
        using DeviceRnnForwardResult<T> forward = GpuRecurrence.Forward(cell, inputs.Wx, inputs.R, inputs.Bias, inputs.Initial,
            new RnnKernelOptions { Stream = stream, Float32Products = c.DType.Products });

        var results = new List<PlanTime>();
        foreach ((KernelPlan plan, bool planners) in candidates.Select(p => (p, false)).Prepend((plannersChoice, true)))
        {
            var options = new RnnKernelOptions { Kernel = KernelChoice.Fused, FusedPlan = plan, Stream = stream, KeepGatesForBackward = false, Float32Products = c.DType.Products };
            string name = PlanCandidates.Describe(plan);
            try
            {
                void Call()
                {
                    if (direction == KernelDirection.Forward)
                        GpuRecurrence.Forward(cell, inputs.Wx, inputs.R, inputs.Bias, inputs.Initial, options).Dispose();
                    else
                        GpuRecurrence.Backward(cell, inputs.Wx, inputs.R, inputs.Bias, inputs.Initial, forward, inputs.DStates, null, options).Dispose();
                }
                Call(); // compile or load, and warm up
                stream.Synchronize();
                var samples = new List<double>(reps);
                using var start = new CudaEvent();
                using var end = new CudaEvent();
                for (int i = 0; i < reps; i++)
                {
                    start.Record(stream);
                    Call();
                    end.Record(stream);
                    end.Synchronize();
                    samples.Add(CudaEvent.ElapsedMilliseconds(start, end));
                }
                double median = SampleStatistics.Of(samples).Median;
                results.Add(new PlanTime(name, planners, median, plan.EstimatedMicrosecondsPerStep, null));
                log($"{name}{(planners ? " (ConstrINT's choice)" : "")}: {median:F3} ms");
            }
            catch (Exception e) when (e is InvalidOperationException or Nvrtc.NvrtcCompilationException or CudaException)
            {
                results.Add(new PlanTime(name, planners, null, plan.EstimatedMicrosecondsPerStep, e.Message.Split('\n')[0]));
            }
        }
        return results;
    }
}
