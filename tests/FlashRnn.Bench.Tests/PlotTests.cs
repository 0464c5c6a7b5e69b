using FlashRnn.Bench.Plots;
using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Tests;

public sealed class PlotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frbench-plots-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Log_ticks_cover_the_range_with_one_two_five()
    {
        Assert.Equal([0.2, 0.5, 1, 2, 5, 10, 20], LogTicks.Decades(0.3, 20));
        Assert.Equal([0.6, 0.7, 0.8, 0.9, 1, 2], LogTicks.Decades(1.0, 1.2)); // too narrow for 1-2-5: every digit
        Assert.Equal("0.3", LogTicks.Label(LogTicks.Decades(0.5, 0.6)[0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogTicks.Decades(0, 1));
    }

    [Fact]
    public void The_head_size_plot_shows_ours_cudnn_of_this_run_and_the_published_points_labelled_as_such()
    {
        PlotSpec spec = PlotBuilders.HeadSize(Samples.Document())!;
        Assert.Equal([16.0, 32, 64, 128, 256, 768], spec.XTicks);
        PlotSeries forward = spec.Series.Single(s => s.Label == "bf16 fw (FlashRnn.Gen)");
        Assert.Equal([(16.0, 0.30), (32, 0.32), (64, 0.35), (128, 0.5), (256, 0.7), (768, 0.95)], forward.Points);
        Assert.Contains(spec.Series, s => s.Label == "cuDNN LSTM fp16 fw (this run)" && s.Style == SeriesStyle.HorizontalLine);
        PlotSeries paper = spec.Series.Single(s => s.Label == "FlashRNN (paper, H100) bf16 fw");
        Assert.Equal(SeriesStyle.MarkersOnly, paper.Style);
        Assert.Contains((64.0, 2.75), paper.Points);
        Assert.Contains(spec.Series, s => s.Label.StartsWith(PublishedFigures.CudnnLabel, StringComparison.Ordinal));
        Assert.Contains("not measured in this run", spec.Footnote);
    }

    [Fact]
    public void Published_points_are_left_out_at_other_shapes()
    {
        ResultsDocument document = Samples.Document();
        document = document with { Rows = document.Rows.Select(r => r with { Steps = 512 }).ToArray() };
        PlotSpec spec = PlotBuilders.HeadSize(document)!;
        Assert.DoesNotContain(spec.Series, s => s.Label.Contains("H100", StringComparison.Ordinal));
        Assert.Contains("T=512", spec.Title);
    }

    [Fact]
    public void The_batch_plot_has_a_curve_per_layout_and_cudnn()
    {
        PlotSpec spec = PlotBuilders.Batch(Samples.Document())!;
        Assert.Equal([2.0, 4, 8, 32], spec.XTicks);
        Assert.Equal(["12x64 fw (FlashRnn.Gen)", "1x768 fw (FlashRnn.Gen)", "cuDNN LSTM fp16 fw, hidden 768 (this run)"], spec.Series.Select(s => s.Label));
        Assert.Equal(4, spec.Series[2].Points.Count);
        Assert.Null(PlotBuilders.SequenceLength(Samples.Document())); // no seq sweep in the document
    }

    [Fact]
    public void No_plot_without_two_timed_points()
    {
        ResultsDocument document = Samples.Document() with { Rows = [Samples.Row("lstm", "bf16", 12, 64, "fw", 0.4, series: ["head-size"])] };
        Assert.Empty(PlotBuilders.All(document));
        PlotOutcome outcome = PlotWriter.Write(document, _folder);
        Assert.Empty(outcome.Files);
        Assert.Null(outcome.Error);
        Assert.Contains("no plot has data", Assert.Single(outcome.Warnings));
    }

    [Fact]
    public void Plots_render_to_png_files()
    {
        PlotOutcome outcome = PlotWriter.Write(Samples.Document(), _folder);
        Assert.Null(outcome.Error);
        Assert.Equal(["time-vs-head-size.png", "time-vs-batch.png"], outcome.Files.Select(Path.GetFileName));
        foreach (string file in outcome.Files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            Assert.True(bytes.Length > 10_000, $"{file} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        }
    }
}
