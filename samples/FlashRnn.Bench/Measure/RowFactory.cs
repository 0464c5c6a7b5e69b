using FlashRnn.Bench.Results;
using FlashRnn.Bench.Sweep;
using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Measure;

/// <summary>Turns what was measured into the JSON row records.</summary>
internal static class RowFactory
{
    /// <summary>A row with the configuration filled in and the given status.</summary>
    public static BenchRow Row(BenchCase c, string status, string? message = null) => new()
    {
        Id = c.Id,
        Series = c.Series,
        Cell = c.Cell.Name,
        DType = c.DType.Name,
        Heads = c.Layout.Heads,
        HeadSize = c.Layout.HeadSize,
        Batch = c.Batch,
        Steps = c.Steps,
        Mode = AxisNames.Name(c.Mode),
        KernelRequested = AxisNames.Name(c.Kernel),
        Status = status,
        Message = message,
    };

    public static KernelRecord Kernel(KernelSelectedEventArgs selection)
        => new(AxisNames.Name(selection.Kind), selection.Reason, selection.Plan is { } plan ? Plan(plan) : null);

    public static PlanRecord Plan(KernelPlan plan)
        => new(AxisNames.Name(plan.Kind), plan.CtasPerHead, plan.BatchTile, plan.Warps, plan.RRegisterTiles, plan.InputStages, plan.UseCluster, plan.StoreGates,
            plan.SharedMemoryBytes, plan.GridCtas, plan.EstimatedMicrosecondsPerStep, plan.Reason, plan.ExchangeCluster);

    public static CheckRecord Check(CheckOutcome check)
        => new(check.Steps, check.Passed, Finite(check.MaxError),
            check.Tensors.Select(t => new TensorErrorRecord(t.Name, Finite(t.Error), t.Bound)).ToArray());

    public static TimingRecord Timing(TimingOutcome timing, int steps)
    {
        SampleStatistics gpu = timing.GpuMs;
        return new TimingRecord(gpu.Median, gpu.Min, gpu.P10, gpu.P90, gpu.Max, gpu.Mean, gpu.Count, timing.Warmup,
            gpu.Median * 1000 / steps, timing.HostMs.Median);
    }

    public static CompileRecord Compile(CompileCharge charge)
        => new(charge.Compiled, charge.FromDisk, charge.FromMemory, charge.NvrtcMs, charge.Programs);

    /// <summary>JSON has no NaN: a non-finite error is written as null (and fails the check).</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
