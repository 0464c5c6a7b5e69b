using System.Globalization;
using FlashRnn.Bench.Plots;

namespace FlashRnn.Bench.Results;

/// <summary>
/// Reads off the targets.md rows a run answers (B=16, T=1024, automatic kernel choice): measured value against the
/// target, met or not. The targets were set for an H100; the document says which GPU this run used.
/// </summary>
internal static class TargetsEvaluator
{
    private const int Batch = 16, Steps = 1024;

    public static IReadOnlyList<TargetRecord> Evaluate(IReadOnlyList<BenchRow> rows, CompileTimeRecord? compileTime)
    {
        var targets = new List<TargetRecord>();
        void Absolute(string cell, string layout, string mode, double limitMs, string label)
        {
            if (Find(rows, cell, "bf16", layout, mode) is { } row)
                targets.Add(new TargetRecord($"{label} {layout} bf16 {mode}", Describe(row), $"<= {Ms(limitMs)} ms", row.Timing!.MedianMs <= limitMs, null));
        }

        Absolute("lstm", "1x768", "fw", 1.0, "LSTM");
        Absolute("lstm", "1x768", "fwbw", 3.0, "LSTM");
        Absolute("lstm", "12x64", "fw", 0.5, "LSTM");
        Absolute("lstm", "12x64", "fwbw", 1.5, "LSTM");
        Absolute("gru", "1x768", "fw", 1.0, "GRU");
        Absolute("gru", "1x768", "fwbw", 3.0, "GRU");
        Absolute("slstm", "12x64", "fw", 0.6, "sLSTM");
        Absolute("slstm", "12x64", "fwbw", 1.8, "sLSTM");

        // Half of FlashRNN's published time at each head size it reports.
        foreach ((string mode, IReadOnlyList<(double HeadSize, double Ms)> figures) in new[]
                 { ("fw", PublishedFigures.FlashRnnLstmForward), ("fwbw", PublishedFigures.FlashRnnLstmForwardBackward) })
        foreach ((double headSize, double published) in figures)
        {
            string layout = $"{768 / (int)headSize}x{(int)headSize}";
            if (Find(rows, "lstm", "bf16", layout, mode) is { } row)
                targets.Add(new TargetRecord($"LSTM {layout} bf16 {mode} vs FlashRNN", Describe(row), $"<= {Ms(published / 2)} ms (0.5x FlashRNN's {Ms(published)} on an H100)",
                    row.Timing!.MedianMs <= published / 2, null));
        }

        // fp32 and fp16 within 1.5x of bf16, for every configuration measured in both. tf32 rows are not float32's
        // accuracy (10-bit products), so they do not stand in for the fp32 target.
        foreach (BenchRow row in rows.Where(r => r.DType is "fp32" or "fp16" && IsTargetShape(r)))
        {
            if (Find(rows, row.Cell, "bf16", row.Layout, row.Mode) is not { } bf16) continue;
            double ratio = row.Timing!.MedianMs / bf16.Timing!.MedianMs;
            targets.Add(new TargetRecord($"{row.Cell} {row.Layout} {row.DType} {row.Mode} vs bf16",
                $"{Ms(row.Timing.MedianMs)} ms = {ratio.ToString("F2", CultureInfo.InvariantCulture)}x bf16", "<= 1.5x bf16", ratio <= 1.5, null));
        }

        // The first call's wall time is what a user waits: it includes every NVRTC compilation, and the runtime
        // compiles a training step's kernels side by side, so their summed NVRTC time can exceed it.
        if (compileTime?.Cold is { } cold)
            targets.Add(new TargetRecord($"first call, empty cache ({compileTime.Configuration})",
                $"first call {Ms(cold.FirstCallMs)} ms ({cold.Compiled} kernels compiled: {Ms(cold.NvrtcMs)} ms of NVRTC over all threads, longest {Ms(cold.LongestNvrtcMs)} ms)",
                "<= 1000 ms", cold.FirstCallMs <= 1000, null));
        if (compileTime?.Warm is { } warm)
            targets.Add(new TargetRecord($"first call, warm disk cache ({compileTime.Configuration})",
                $"{warm.Compiled} compiled, {warm.FromDisk} from disk, first call {Ms(warm.FirstCallMs)} ms", "0 s NVRTC", warm.Compiled == 0, null));
        return targets;
    }

    private static bool IsTargetShape(BenchRow r)
        => r.Status == RowStatus.Ok && r.Timing is not null && r.Batch == Batch && r.Steps == Steps && r.KernelRequested == "auto";

    private static BenchRow? Find(IReadOnlyList<BenchRow> rows, string cell, string dtype, string layout, string mode)
        => rows.FirstOrDefault(r => IsTargetShape(r) && r.Cell == cell && r.DType == dtype && r.Layout == layout && r.Mode == mode);

    private static string Describe(BenchRow row)
    {
        string text = $"{Ms(row.Timing!.MedianMs)} ms";
        if (row.Comparison("reference")?.Speedup is { } speedup)
            text += $" (speedup over cuDNN fp16: {speedup.ToString("F2", CultureInfo.InvariantCulture)}x)";
        return text;
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.###" : "0.#", CultureInfo.InvariantCulture);
}
