using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Sweep;

/// <summary>
/// The named sweeps. <c>default</c> follows the FlashRNN paper (head size at 768 hidden units, batch, sequence
/// length) plus the other cells, dtypes and the alternating kernel; <c>quick</c> is the rows of targets.md.
/// Every configuration runs at B=16, T=1024 unless its sweep varies that axis.
/// </summary>
internal static class SweepPresets
{
    public const int DefaultBatch = 16, DefaultSteps = 1024;

    public const string Default = "default", Quick = "quick";

    public static IReadOnlyList<string> Names { get; } = [Default, Quick];

    private static readonly HeadLayout Multi = new(12, 64), Single = new(1, 768);
    private static readonly BenchMode[] BothModes = [BenchMode.Forward, BenchMode.ForwardBackward];
    private static readonly BenchMode[] ForwardOnly = [BenchMode.Forward];

    /// <summary>The configurations of a preset, in measuring order, merged where sweeps overlap.</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static IReadOnlyList<BenchCase> Get(string name) => name switch
    {
        Default => SweepBuilder.Merge(DefaultSeries()),
        Quick => SweepBuilder.Merge(QuickSeries()),
        _ => throw new ArgumentException($"'{name}' is not a preset: use {string.Join(" or ", Names)}.", nameof(name)),
    };

    private static IEnumerable<BenchCase> DefaultSeries()
    {
        BenchCell lstm = BenchCell.Parse("lstm");
        // The paper's figure 4: head size at 768 hidden units.
        foreach (var c in Grid("head-size", [lstm], [BenchDType.BF16], HeadLayout.PaperSweep, [DefaultBatch], [DefaultSteps], BothModes)) yield return c;
        // Its batch sweep, at one large head and at 12 heads of 64.
        foreach (var c in Grid("batch", [lstm], [BenchDType.BF16], [Multi, Single], [2, 4, 8, 16, 32, 64, 128, 256], [DefaultSteps], BothModes)) yield return c;
        // Sequence length: the time per step should stay flat.
        foreach (var c in Grid("seq", [lstm], [BenchDType.BF16], [Multi, Single], [DefaultBatch], [128, 256, 512, 1024, 2048, 4096], ForwardOnly)) yield return c;
        // The other cells.
        BenchCell[] others = [BenchCell.Parse("gru"), BenchCell.Parse("slstm"), BenchCell.Parse("elman")];
        foreach (var c in Grid("cells", others, [BenchDType.BF16], [Multi, Single], [DefaultBatch], [DefaultSteps], BothModes)) yield return c;
        // The other dtypes (targets.md: within 1.5x of bf16).
        foreach (var c in Grid("dtypes", [lstm], [BenchDType.FP16, BenchDType.FP32, BenchDType.TF32], [Multi, Single], [DefaultBatch], [DefaultSteps], BothModes)) yield return c;
        // Fused against alternating (the paper: 2-5x).
        foreach (var c in Grid("kernels", [lstm], [BenchDType.BF16], [Multi, Single], [DefaultBatch], [DefaultSteps], BothModes, KernelChoice.Alternating)) yield return c;
    }

    private static IEnumerable<BenchCase> QuickSeries()
    {
        BenchCell lstm = BenchCell.Parse("lstm");
        foreach (var c in Grid("targets", [lstm], [BenchDType.BF16], [Single, Multi], [DefaultBatch], [DefaultSteps], BothModes)) yield return c;
        foreach (var c in Grid("targets", [BenchCell.Parse("gru")], [BenchDType.BF16], [Single], [DefaultBatch], [DefaultSteps], BothModes)) yield return c;
        foreach (var c in Grid("targets", [BenchCell.Parse("slstm")], [BenchDType.BF16], [Multi], [DefaultBatch], [DefaultSteps], BothModes)) yield return c;
        foreach (var c in Grid("head-size", [lstm], [BenchDType.BF16], HeadLayout.PaperSweep, [DefaultBatch], [DefaultSteps], ForwardOnly)) yield return c;
        foreach (var c in Grid("dtypes", [lstm], [BenchDType.FP32, BenchDType.FP16, BenchDType.TF32], [Multi], [DefaultBatch], [DefaultSteps], BothModes)) yield return c;
    }

    private static IEnumerable<BenchCase> Grid(string series, IEnumerable<BenchCell> cells, IEnumerable<BenchDType> dtypes,
        IEnumerable<HeadLayout> layouts, IEnumerable<int> batches, IEnumerable<int> steps, IEnumerable<BenchMode> modes,
        KernelChoice kernel = KernelChoice.Auto)
        => SweepBuilder.Grid(series, cells, dtypes, layouts, batches, steps, modes, [kernel]);
}
