using System.Globalization;

namespace FlashRnn.Bench.Results;

/// <summary>How numbers appear in the tables (invariant culture; a dash where there is nothing).</summary>
internal static class RowFormat
{
    public const string Missing = "-";

    /// <summary>Milliseconds with three decimals below 10 ms, two below 100, one above.</summary>
    public static string Ms(double? ms) => ms switch
    {
        null => Missing,
        < 10 => ms.Value.ToString("F3", CultureInfo.InvariantCulture),
        < 100 => ms.Value.ToString("F2", CultureInfo.InvariantCulture),
        _ => ms.Value.ToString("F1", CultureInfo.InvariantCulture),
    };

    /// <summary>Microseconds per step with two decimals.</summary>
    public static string MicrosecondsPerStep(double? us) => us is null ? Missing : us.Value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>A speedup such as <c>2.10x</c> (baseline / ours).</summary>
    public static string Speedup(double? speedup) => speedup is null ? Missing : speedup.Value.ToString("F2", CultureInfo.InvariantCulture) + "x";

    /// <summary>A relative error such as <c>3.1e-03</c>; <c>NaN</c> for a non-finite output.</summary>
    public static string Error(double? error, bool hasCheck) => !hasCheck ? Missing
        : error is null ? "NaN" : error.Value.ToString("0.0e+00", CultureInfo.InvariantCulture);

    /// <summary>Whole milliseconds for long first calls, one decimal for short ones.</summary>
    public static string FirstCall(double? ms) => ms switch
    {
        null => Missing,
        >= 100 => ms.Value.ToString("F0", CultureInfo.InvariantCulture),
        _ => ms.Value.ToString("F1", CultureInfo.InvariantCulture),
    };

    /// <summary>The cells of one row in table order (see <see cref="Headers"/>).</summary>
    public static IReadOnlyList<string> Cells(BenchRow row) =>
    [
        row.Cell, row.DType, row.Layout, Invariant(row.Batch), Invariant(row.Steps), row.Mode,
        row.KernelLabel ?? $"({row.KernelRequested})",
        Ms(row.Timing?.MedianMs), MicrosecondsPerStep(row.Timing?.MicrosecondsPerStep),
        Speedup(row.Comparison("reference")?.Speedup), Speedup(row.Comparison("same-dtype")?.Speedup),
        FirstCall(row.FirstCallMs), Error(row.Check?.MaxError, row.Check is not null), row.Status,
    ];

    /// <summary>
    /// The column headers. "vs cuDNN" columns are speedups, cuDNN ms / our ms (above 1: faster than cuDNN), against
    /// cuDNN fp16 and cuDNN in the row's dtype measured in the same run.
    /// </summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "cell", "dtype", "NHxDH", "B", "T", "mode", "kernel", "ms", "µs/step", "vs cuDNN fp16", "vs cuDNN same dtype",
        "first call ms", "check error", "status",
    ];

    /// <summary>Columns holding numbers (right-aligned).</summary>
    public static bool IsNumeric(int column) => column is 3 or 4 or >= 7 and <= 12;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
