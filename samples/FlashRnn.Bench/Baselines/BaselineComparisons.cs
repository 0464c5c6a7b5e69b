using FlashRnn.Bench.Sweep;
using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Baselines;

/// <summary>Pairs a row with the baselines measured for the same cell family, B, T and total hidden size.</summary>
internal static class BaselineComparisons
{
    public const string Reference = "reference", SameDType = "same-dtype", Loop = "loop";

    /// <summary>
    /// The row's comparisons: cuDNN fp16 (<see cref="Reference"/>), cuDNN in the row's dtype (<see cref="SameDType"/>)
    /// and the plain PyTorch loop in the row's dtype (<see cref="Loop"/>), each only when measured. The speedup is
    /// baseline ms / our median ms, null when the row has no timing.
    /// </summary>
    public static IReadOnlyList<ComparisonRecord> For(BenchRow row, string baselineCell, IReadOnlyList<BaselineMeasurement> measurements)
    {
        var comparisons = new List<ComparisonRecord>();
        void Add(string role, string impl, string dtype)
        {
            BaselineMeasurement? m = measurements.LastOrDefault(m => m.Impl == impl && m.Cell == baselineCell && m.B == row.Batch &&
                m.T == row.Steps && m.H == row.Hidden && m.DType == dtype && m.Mode == row.Mode);
            if (m is not null) comparisons.Add(new ComparisonRecord(role, impl, m.Cell, m.DType, m.Ms, Speedup(m.Ms, row.Timing?.MedianMs)));
        }
        Add(Reference, "cudnn", BaselineRequest.ReferenceDType);
        // A tf32 row compares with the baselines' float32 (PyTorch decides there whether cuDNN may use TF32).
        string storage = AxisNames.ParseDType(row.DType).StorageName;
        Add(SameDType, "cudnn", storage);
        Add(Loop, "torch-loop", storage);
        return comparisons;
    }

    /// <summary>How many times faster we are: baseline / ours (null without both numbers).</summary>
    public static double? Speedup(double baselineMs, double? oursMs)
        => oursMs is > 0 && baselineMs > 0 ? baselineMs / oursMs.Value : null;
}
