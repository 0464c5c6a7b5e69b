namespace FlashRnn.Bench.Plots;

/// <summary>How a series is drawn.</summary>
internal enum SeriesStyle
{
    /// <summary>Our measurements: points joined by a line.</summary>
    LineWithMarkers,

    /// <summary>A baseline measured in this run along the plot's axis: dashed line with markers.</summary>
    BaselineCurve,

    /// <summary>Figures from elsewhere (published, or a single reference value): markers only.</summary>
    MarkersOnly,

    /// <summary>One value across the plot (a baseline that has no head-size axis): a dashed line.</summary>
    HorizontalLine,
}

/// <summary>One labelled series; X and Y are data values (the renderer puts both axes on a log scale).</summary>
internal sealed record PlotSeries(string Label, IReadOnlyList<(double X, double Y)> Points, SeriesStyle Style);

/// <summary>
/// What a plot shows, independent of the drawing library, so the choice of rows and labels is testable without
/// rendering. Both axes are logarithmic: x in powers of two at <see cref="XTicks"/>, y (milliseconds) in decades.
/// </summary>
internal sealed record PlotSpec(string FileName, string Title, string XLabel, string YLabel, IReadOnlyList<double> XTicks,
    IReadOnlyList<PlotSeries> Series, string? Footnote);
