namespace FlashRnn.Bench.Sweep;

/// <summary>The sweep the command line asks for: a preset (or none, for a grid) and the selection options.</summary>
internal sealed record SweepArguments(string? Preset, SweepSelection Selection)
{
    /// <summary>
    /// Parses the options. <c>--quick</c> is <c>--preset quick</c>; naming two different presets is an error.
    /// </summary>
    /// <exception cref="ArgumentException">A value does not parse; the message names the option.</exception>
    public static SweepArguments Parse(bool quick, string? preset, string? cells, string? dtypes, string? layouts, string? batches,
        string? steps, string? modes, string? kernels)
    {
        if (preset is not null && !SweepPresets.Names.Contains(preset.Trim().ToLowerInvariant()))
            throw new ArgumentException($"--preset: '{preset}' is not a preset: use {string.Join(" or ", SweepPresets.Names)}.");
        string? chosen = preset?.Trim().ToLowerInvariant();
        if (quick && chosen is not null && chosen != SweepPresets.Quick)
            throw new ArgumentException($"--quick and --preset {chosen} ask for two different presets; give one.");
        if (quick) chosen = SweepPresets.Quick;

        var selection = new SweepSelection
        {
            Cells = AxisParser.ParseList(cells, "--cells", BenchCell.Parse),
            DTypes = AxisParser.ParseList(dtypes, "--dtypes", AxisNames.ParseDType),
            Layouts = AxisParser.ParseList(layouts, "--layouts", HeadLayout.Parse),
            Batches = AxisParser.ParseSizes(batches, "--batches"),
            Steps = AxisParser.ParseSizes(steps, "--seq"),
            Modes = AxisParser.ParseList(modes, "--modes", AxisNames.ParseMode),
            Kernels = AxisParser.ParseList(kernels, "--kernels", AxisNames.ParseKernel),
        };
        return new SweepArguments(chosen, selection);
    }

    /// <summary>The configurations to measure.</summary>
    public IReadOnlyList<BenchCase> Cases() => SweepBuilder.Build(Preset, Selection);

    /// <summary>How the list came about, for the output: "preset quick", "preset default filtered by ...", "grid".</summary>
    public string Describe()
        => Preset is null ? (Selection.IsEmpty ? $"preset {SweepPresets.Default}" : "grid of the selection options")
            : Selection.IsEmpty ? $"preset {Preset}" : $"preset {Preset}, filtered by the selection options";
}
