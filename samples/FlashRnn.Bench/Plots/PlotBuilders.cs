using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Plots;

/// <summary>
/// Chooses what each plot shows from a results document: our checked, timed rows, the cuDNN baselines measured in
/// the same run, and (head-size plot only) the published H100 figures of <see cref="PublishedFigures"/>.
/// </summary>
internal static class PlotBuilders
{
    private const string Lstm = "lstm";

    /// <summary>Every plot the document has data for (at least one of our series with two points).</summary>
    public static IReadOnlyList<PlotSpec> All(ResultsDocument document)
        => new[] { HeadSize(document), Batch(document), SequenceLength(document) }.OfType<PlotSpec>().ToArray();

    /// <summary>LSTM time against head size at 768 hidden units, for each dtype and mode measured.</summary>
    public static PlotSpec? HeadSize(ResultsDocument document)
    {
        BenchRow[] candidates = Timed(document).Where(r => r.Cell == Lstm && r.Hidden == 768).ToArray();
        if (PreferredShape(candidates, r => (r.Batch, r.Steps), (PublishedFigures.Batch, PublishedFigures.Steps)) is not { } shape) return null;
        BenchRow[] rows = candidates.Where(r => r.Batch == shape.Item1 && r.Steps == shape.Item2).ToArray();
        var series = new List<PlotSeries>(Ours(rows, r => r.HeadSize, r => $"{r.DType} {r.Mode}"));
        string[] modes = rows.Select(r => r.Mode).Distinct().ToArray();
        foreach (string mode in modes)
            series.AddRange(CudnnLines(document, Lstm, 768, shape.Item1, shape.Item2, mode));

        bool publishedShape = shape == (PublishedFigures.Batch, PublishedFigures.Steps);
        if (publishedShape && modes.Contains("fw"))
        {
            series.Add(new PlotSeries($"{PublishedFigures.FlashRnnLabel} bf16 fw", PublishedFigures.FlashRnnLstmForward, SeriesStyle.MarkersOnly));
            series.Add(new PlotSeries($"{PublishedFigures.CudnnLabel} fw", [(768, PublishedFigures.CudnnLstmForwardMs)], SeriesStyle.MarkersOnly));
        }
        if (publishedShape && modes.Contains("fwbw"))
        {
            series.Add(new PlotSeries($"{PublishedFigures.FlashRnnLabel} bf16 fwbw", PublishedFigures.FlashRnnLstmForwardBackward, SeriesStyle.MarkersOnly));
            series.Add(new PlotSeries($"{PublishedFigures.CudnnLabel} fwbw", [(768, PublishedFigures.CudnnLstmForwardBackwardMs)], SeriesStyle.MarkersOnly));
        }
        return Spec("time-vs-head-size.png", $"LSTM, 768 hidden units, B={shape.Item1}, T={shape.Item2}{On(document)}",
            "head size DH (heads NH = 768 / DH)", series, rows.Select(r => (double)r.HeadSize),
            publishedShape ? "Markers without lines: published H100 figures from targets.md, not measured in this run." : null);
    }

    /// <summary>LSTM time against batch size, per head layout and mode.</summary>
    public static PlotSpec? Batch(ResultsDocument document)
    {
        BenchRow[] candidates = Timed(document).Where(r => r.Cell == Lstm && r.Series.Contains("batch")).ToArray();
        if (PreferredShape(candidates, r => (r.Steps, r.DType), (PublishedFigures.Steps, "bf16")) is not { } shape) return null;
        BenchRow[] rows = candidates.Where(r => r.Steps == shape.Item1 && r.DType == shape.Item2).ToArray();
        var series = new List<PlotSeries>(Ours(rows, r => r.Batch, r => $"{r.Layout} {r.Mode}"));
        foreach (string mode in rows.Select(r => r.Mode).Distinct())
        foreach (int hidden in rows.Select(r => r.Hidden).Distinct())
            series.AddRange(CudnnCurve(document, Lstm, hidden, mode, m => m.T == shape.Item1 && rows.Any(r => r.Batch == m.B), m => m.B));
        return Spec("time-vs-batch.png", $"LSTM {shape.Item2}, T={shape.Item1}{On(document)}", "batch size B", series,
            rows.Select(r => (double)r.Batch), null);
    }

    /// <summary>LSTM time against sequence length, per head layout and mode.</summary>
    public static PlotSpec? SequenceLength(ResultsDocument document)
    {
        BenchRow[] candidates = Timed(document).Where(r => r.Cell == Lstm && r.Series.Contains("seq")).ToArray();
        if (PreferredShape(candidates, r => (r.Batch, r.DType), (PublishedFigures.Batch, "bf16")) is not { } shape) return null;
        BenchRow[] rows = candidates.Where(r => r.Batch == shape.Item1 && r.DType == shape.Item2).ToArray();
        var series = new List<PlotSeries>(Ours(rows, r => r.Steps, r => $"{r.Layout} {r.Mode}"));
        foreach (string mode in rows.Select(r => r.Mode).Distinct())
        foreach (int hidden in rows.Select(r => r.Hidden).Distinct())
            series.AddRange(CudnnCurve(document, Lstm, hidden, mode, m => m.B == shape.Item1 && rows.Any(r => r.Steps == m.T), m => m.T));
        return Spec("time-vs-seq.png", $"LSTM {shape.Item2}, B={shape.Item1}{On(document)}", "sequence length T", series,
            rows.Select(r => (double)r.Steps), null);
    }

    private static IEnumerable<BenchRow> Timed(ResultsDocument document)
        => document.Rows.Where(r => r.Status == RowStatus.Ok && r.Timing is not null && r.KernelRequested == "auto");

    /// <summary><paramref name="preferred"/> when some row has it, else the most common value (null without rows).</summary>
    private static TKey? PreferredShape<TKey>(IReadOnlyList<BenchRow> rows, Func<BenchRow, TKey> key, TKey preferred) where TKey : struct
    {
        if (rows.Count == 0) return null;
        if (rows.Any(r => key(r).Equals(preferred))) return preferred;
        return rows.GroupBy(key).OrderByDescending(g => g.Count()).First().Key;
    }

    private static IEnumerable<PlotSeries> Ours(IEnumerable<BenchRow> rows, Func<BenchRow, int> x, Func<BenchRow, string> label)
        => rows.GroupBy(label).Select(g => new PlotSeries($"{g.Key} (FlashRnn.Gen)",
            g.GroupBy(x).Select(sameX => sameX.First()).OrderBy(x).Select(r => ((double)x(r), r.Timing!.MedianMs)).ToArray(),
            SeriesStyle.LineWithMarkers));

    private static IEnumerable<PlotSeries> CudnnLines(ResultsDocument document, string cell, int hidden, int batch, int steps, string mode)
        => Measurements(document)
            .Where(m => m.Impl == "cudnn" && m.Cell == cell && m.H == hidden && m.B == batch && m.T == steps && m.Mode == mode)
            .Select(m => new PlotSeries($"cuDNN {m.Cell.ToUpperInvariant()} {m.DType} {m.Mode} (this run)", [(0, m.Ms)], SeriesStyle.HorizontalLine));

    private static IEnumerable<PlotSeries> CudnnCurve(ResultsDocument document, string cell, int hidden, string mode,
        Func<BaselineMeasurement, bool> sameShape, Func<BaselineMeasurement, int> x)
        => Measurements(document)
            .Where(m => m.Impl == "cudnn" && m.Cell == cell && m.H == hidden && m.Mode == mode && m.DType == "fp16" && sameShape(m))
            .GroupBy(x).Select(g => g.Last()).OrderBy(x)
            .Select(m => ((double)x(m), m.Ms)).ToArray() is { Length: > 0 } points
            ? [new PlotSeries($"cuDNN LSTM fp16 {mode}, hidden {hidden} (this run)", points, SeriesStyle.BaselineCurve)]
            : [];

    private static IReadOnlyList<BaselineMeasurement> Measurements(ResultsDocument document) => document.Baselines?.Measurements ?? [];

    private static string On(ResultsDocument document) => document.Gpu is { } gpu ? $", {gpu.Name}" : "";

    private static PlotSpec? Spec(string fileName, string title, string xLabel, List<PlotSeries> series, IEnumerable<double> xs, string? footnote)
    {
        if (!series.Any(s => s.Style == SeriesStyle.LineWithMarkers && s.Label.EndsWith("(FlashRnn.Gen)", StringComparison.Ordinal) && s.Points.Count >= 2))
            return null;
        return new PlotSpec(fileName, title, xLabel, "time per call (ms, median)", xs.Distinct().Order().ToArray(), series, footnote);
    }
}
