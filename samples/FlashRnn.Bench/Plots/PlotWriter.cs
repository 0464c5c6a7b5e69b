using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Plots;

/// <summary>What drawing a document's plots produced.</summary>
/// <param name="Files">The PNGs written.</param>
/// <param name="Error">Why no plot could be drawn (the native library is missing, a drawing failed), or null.</param>
/// <param name="Warnings">Problems that still left PNGs (no fonts), and plots without data.</param>
internal sealed record PlotOutcome(IReadOnlyList<string> Files, string? Error, IReadOnlyList<string> Warnings);

/// <summary>Draws every plot a results document has data for; never throws for a rendering problem, it reports it.</summary>
internal static class PlotWriter
{
    public static PlotOutcome Write(ResultsDocument document, string folder)
    {
        var warnings = new List<string>();
        IReadOnlyList<PlotSpec> specs = PlotBuilders.All(document);
        if (specs.Count == 0)
            return new PlotOutcome([], null, ["no plot has data: the head-size, batch and seq plots need at least two timed LSTM rows of one sweep."]);
        if (PlotRenderer.Unavailable(out string? warning) is { } problem) return new PlotOutcome([], problem, warnings);
        if (warning is not null) warnings.Add(warning);

        var files = new List<string>();
        foreach (PlotSpec spec in specs)
        {
            try
            {
                files.Add(PlotRenderer.Render(spec, folder));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new PlotOutcome(files, $"drawing {spec.FileName} failed: {e.GetType().Name}: {e.Message}", warnings);
            }
        }
        return new PlotOutcome(files, null, warnings);
    }
}
