using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Sweep;

/// <summary>Turns the command line's preset and selection options into the list of configurations to measure.</summary>
internal static class SweepBuilder
{
    /// <summary>
    /// A preset filtered by <paramref name="selection"/>; with no preset, the grid of the selection (options not given
    /// take their defaults: lstm, bf16, the paper's six head layouts, B=16, T=1024, fw and fwbw, auto); with neither,
    /// the default preset.
    /// </summary>
    public static IReadOnlyList<BenchCase> Build(string? preset, SweepSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (preset is null && !selection.IsEmpty) return Merge(GridOf(selection));
        return SweepPresets.Get(preset ?? SweepPresets.Default).Where(selection.Allows).ToArray();
    }

    /// <summary>Every combination of the given values, in nesting order cell, dtype, layout, batch, steps, mode, kernel.</summary>
    public static IEnumerable<BenchCase> Grid(string series, IEnumerable<BenchCell> cells, IEnumerable<BenchDType> dtypes,
        IEnumerable<HeadLayout> layouts, IEnumerable<int> batches, IEnumerable<int> steps, IEnumerable<BenchMode> modes,
        IEnumerable<KernelChoice> kernels)
        => from cell in cells
           from dtype in dtypes
           from layout in layouts
           from batch in batches
           from t in steps
           from mode in modes
           from kernel in kernels
           select new BenchCase(cell, dtype, layout, batch, t, mode, kernel) { Series = [series] };

    /// <summary>
    /// Keeps the first occurrence of each configuration, in order, with the series names of all its occurrences.
    /// </summary>
    public static IReadOnlyList<BenchCase> Merge(IEnumerable<BenchCase> cases)
    {
        var merged = new List<BenchCase>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (BenchCase c in cases)
        {
            if (index.TryGetValue(c.Id, out int at))
            {
                merged[at] = merged[at] with { Series = merged[at].Series.Union(c.Series).ToArray() };
                continue;
            }
            index[c.Id] = merged.Count;
            merged.Add(c);
        }
        return merged;
    }

    private static IEnumerable<BenchCase> GridOf(SweepSelection s)
        => Grid("grid",
            s.Cells ?? [BenchCell.Parse("lstm")],
            s.DTypes ?? [BenchDType.BF16],
            s.Layouts ?? HeadLayout.PaperSweep,
            s.Batches ?? [SweepPresets.DefaultBatch],
            s.Steps ?? [SweepPresets.DefaultSteps],
            s.Modes ?? [BenchMode.Forward, BenchMode.ForwardBackward],
            s.Kernels ?? [KernelChoice.Auto]);
}
