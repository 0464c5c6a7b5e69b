using ScottPlot;
using SkiaSharp;

namespace FlashRnn.Bench.Plots;

/// <summary>
/// Draws <see cref="PlotSpec"/>s to PNG with ScottPlot (SkiaSharp underneath, headless). Both axes are logarithmic:
/// the data are drawn at log2(x) and log10(y) with ticks labelled in data units.
/// </summary>
internal static class PlotRenderer
{
    public const int Width = 1200, Height = 750;

    /// <summary>
    /// Why rendering cannot work here (SkiaSharp's native library does not load), or null. Also reports, through
    /// <paramref name="warning"/>, when no font is installed: the PNGs then come out without any text.
    /// </summary>
    public static string? Unavailable(out string? warning)
    {
        warning = null;
        try
        {
            if (SKFontManager.Default.FontFamilyCount == 0)
                warning = "no fonts are installed on this machine, so the plots have no text; redraw them elsewhere with `FlashRnn.Bench plot <results.json>`.";
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            return $"SkiaSharp's native library (libSkiaSharp) could not be loaded: {Innermost(e).Message}";
        }
    }

    /// <summary>Renders <paramref name="spec"/> into <paramref name="folder"/> and returns the file's path.</summary>
    public static string Render(PlotSpec spec, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var plot = new Plot();
        var yValues = new List<double>();
        foreach (PlotSeries series in spec.Series)
        {
            double[] xs = series.Points.Select(p => Math.Log2(p.X)).ToArray();
            double[] ys = series.Points.Select(p => Math.Log10(p.Y)).ToArray();
            yValues.AddRange(series.Points.Select(p => p.Y));
            switch (series.Style)
            {
                case SeriesStyle.LineWithMarkers:
                    var line = plot.Add.Scatter(xs, ys);
                    line.LegendText = series.Label;
                    line.MarkerSize = 7;
                    line.LineWidth = 2;
                    break;
                case SeriesStyle.BaselineCurve:
                    var baseline = plot.Add.Scatter(xs, ys);
                    baseline.LegendText = series.Label;
                    baseline.MarkerSize = 6;
                    baseline.LineWidth = 2;
                    baseline.LinePattern = LinePattern.Dashed;
                    break;
                case SeriesStyle.MarkersOnly:
                    var markers = plot.Add.ScatterPoints(xs, ys);
                    markers.LegendText = series.Label;
                    markers.MarkerShape = MarkerShape.OpenDiamond;
                    markers.MarkerSize = 14;
                    break;
                default:
                    var level = plot.Add.HorizontalLine(ys[0], 1.5f, null, LinePattern.Dashed);
                    level.LegendText = series.Label;
                    break;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            spec.XTicks.Select(Math.Log2).ToArray(), spec.XTicks.Select(LogTicks.Label).ToArray());
        IReadOnlyList<double> yTicks = LogTicks.Decades(yValues.Min(), yValues.Max());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            yTicks.Select(Math.Log10).ToArray(), yTicks.Select(LogTicks.Label).ToArray());
        double xMin = Math.Log2(spec.XTicks[0]), xMax = Math.Log2(spec.XTicks[^1]);
        double xPad = Math.Max(0.3, (xMax - xMin) * 0.05);
        plot.Axes.SetLimits(xMin - xPad, xMax + xPad, Math.Log10(yValues.Min()) - 0.15, Math.Log10(yValues.Max()) + 0.15);

        plot.Title(spec.Title);
        plot.XLabel(spec.XLabel + " (log scale)");
        plot.YLabel(spec.YLabel + " (log scale)");
        plot.ShowLegend(Edge.Right);
        if (spec.Footnote is not null)
        {
            var note = plot.Add.Annotation(spec.Footnote, Alignment.LowerLeft);
            note.LabelFontSize = 11;
        }

        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, spec.FileName);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
