using FlashRnn.Bench.Sweep;
using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Tests;

public class SweepTests
{
    private static IReadOnlyList<BenchCase> Cases(bool quick = false, string? preset = null, string? cells = null, string? dtypes = null,
        string? layouts = null, string? batches = null, string? seq = null, string? modes = null, string? kernels = null)
        => SweepArguments.Parse(quick, preset, cells, dtypes, layouts, batches, seq, modes, kernels).Cases();

    [Fact]
    public void Quick_runs_the_targets_rows()
    {
        IReadOnlyList<BenchCase> quick = Cases(quick: true);
        string[] ids = quick.Select(c => c.Id).ToArray();
        Assert.Equal(18, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (string expected in new[]
                 {
                     "lstm-bf16-1x768-B16-T1024-fw-auto", "lstm-bf16-1x768-B16-T1024-fwbw-auto", "lstm-bf16-12x64-B16-T1024-fwbw-auto",
                     "gru-bf16-1x768-B16-T1024-fwbw-auto", "slstm-bf16-12x64-B16-T1024-fw-auto", "lstm-bf16-48x16-B16-T1024-fw-auto",
                     "lstm-fp32-12x64-B16-T1024-fwbw-auto", "lstm-fp16-12x64-B16-T1024-fw-auto", "lstm-tf32-12x64-B16-T1024-fwbw-auto",
                 })
            Assert.Contains(expected, ids);
        // The head-size sweep and the targets rows share 1x768 and 12x64 forward: measured once, in both series.
        Assert.Equal(["targets", "head-size"], quick.Single(c => c.Id == "lstm-bf16-12x64-B16-T1024-fw-auto").Series);
    }

    [Fact]
    public void The_default_preset_has_the_papers_sweeps_without_duplicates()
    {
        IReadOnlyList<BenchCase> all = Cases();
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
        Assert.Equal(6, all.Count(c => c.Series.Contains("head-size") && c.Mode == BenchMode.Forward));
        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256],
            all.Where(c => c.Series.Contains("batch") && c.Layout == new HeadLayout(1, 768) && c.Mode == BenchMode.Forward).Select(c => c.Batch).Order());
        Assert.Contains(all, c => c.Cell.Name == "elman" && c.Mode == BenchMode.ForwardBackward);
        Assert.Contains(all, c => c.Kernel == KernelChoice.Alternating);
        Assert.Contains(all, c => c.Steps == 4096);
        Assert.All(all.Where(c => !c.Series.Contains("batch")), c => Assert.Equal(16, c.Batch));
    }

    [Fact]
    public void Selection_options_filter_a_preset()
    {
        IReadOnlyList<BenchCase> forward = Cases(quick: true, modes: "fw");
        Assert.Equal(11, forward.Count);
        Assert.All(forward, c => Assert.Equal(BenchMode.Forward, c.Mode));
        Assert.Empty(Cases(quick: true, cells: "elman"));
    }

    [Fact]
    public void Without_a_preset_the_selection_is_a_grid_with_defaults()
    {
        IReadOnlyList<BenchCase> grid = Cases(cells: "gru,elman", layouts: "12x64", batches: "2..8", modes: "fw");
        Assert.Equal(2 * 3, grid.Count);
        Assert.All(grid, c =>
        {
            Assert.Equal(BenchDType.BF16, c.DType);
            Assert.Equal(1024, c.Steps);
            Assert.Equal(KernelChoice.Auto, c.Kernel);
            Assert.Equal(["grid"], c.Series);
        });
        Assert.Equal("gru-bf16-12x64-B2-T1024-fw-auto", grid[0].Id);

        IReadOnlyList<BenchCase> defaults = Cases(dtypes: "fp16");
        Assert.Equal(6 * 2, defaults.Count); // the paper's six layouts, fw and fwbw
    }

    [Fact]
    public void Conflicting_presets_and_unknown_presets_are_errors()
    {
        Assert.Contains("two different presets", Assert.Throws<ArgumentException>(() => SweepArguments.Parse(true, "default", null, null, null, null, null, null, null)).Message);
        Assert.Contains("--preset", Assert.Throws<ArgumentException>(() => SweepArguments.Parse(false, "paper", null, null, null, null, null, null, null)).Message);
        Assert.Equal("quick", SweepArguments.Parse(true, "quick", null, null, null, null, null, null, null).Preset);
    }

    [Fact]
    public void The_description_says_how_the_list_came_about()
    {
        Assert.Equal("preset default", SweepArguments.Parse(false, null, null, null, null, null, null, null, null).Describe());
        Assert.Equal("grid of the selection options", SweepArguments.Parse(false, null, "gru", null, null, null, null, null, null).Describe());
        Assert.Equal("preset quick, filtered by the selection options", SweepArguments.Parse(true, null, "gru", null, null, null, null, null, null).Describe());
    }
}
