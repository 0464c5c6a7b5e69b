using System.Text.Json;
using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Tests;

public sealed class ResultsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frbench-results-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_document_survives_a_round_trip_through_the_file()
    {
        ResultsDocument document = Samples.Document();
        string path = Path.Combine(_folder, "out", "results.json");
        ResultsJson.Write(document, path);
        ResultsDocument read = ResultsJson.Read(path);

        Assert.Equal(ResultsJson.Serialize(document), ResultsJson.Serialize(read));
        Assert.Equal(document.Rows.Count, read.Rows.Count);
        Assert.Equal(document.Rows[0].Timing, read.Rows[0].Timing);
        Assert.Equal(document.Baselines!.Measurements, read.Baselines!.Measurements);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void The_schema_uses_the_documented_names()
    {
        using JsonDocument json = JsonDocument.Parse(ResultsJson.Serialize(Samples.Document()));
        JsonElement root = json.RootElement;
        Assert.Equal("flashrnn-bench/1", root.GetProperty("schema").GetString());
        foreach (string name in new[] { "commandLine", "timestampUtc", "machine", "gpu", "versions", "settings", "precompile", "baselines", "compileTime", "rows", "targets", "notes" })
            Assert.True(root.TryGetProperty(name, out _), $"results.json lacks '{name}'");

        JsonElement row = root.GetProperty("rows")[0];
        foreach (string name in new[] { "id", "series", "cell", "dtype", "heads", "headSize", "layout", "hidden", "batch", "steps", "mode",
                     "kernelRequested", "status", "message", "forwardKernel", "backwardKernel", "kernelLabel", "timing", "firstCallMs", "compile", "check", "comparisons" })
            Assert.True(row.TryGetProperty(name, out _), $"a row lacks '{name}'");
        Assert.Equal("48x16", row.GetProperty("layout").GetString());
        foreach (string name in new[] { "medianMs", "minMs", "p10Ms", "p90Ms", "maxMs", "meanMs", "reps", "warmup", "microsecondsPerStep", "hostMedianMs" })
            Assert.True(row.GetProperty("timing").TryGetProperty(name, out _), $"timing lacks '{name}'");

        // The baseline measurements keep the script's own field names.
        JsonElement measurement = root.GetProperty("baselines").GetProperty("measurements")[0];
        Assert.Equal(["impl", "cell", "B", "T", "H", "dtype", "mode", "ms"], measurement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Reading_something_else_explains_what_is_wrong()
    {
        string notJson = Path.Combine(_folder, "a.json");
        File.WriteAllText(notJson, "not json");
        Assert.Contains("is not a results.json", Assert.Throws<InvalidDataException>(() => ResultsJson.Read(notJson)).Message);

        string otherSchema = Path.Combine(_folder, "b.json");
        File.WriteAllText(otherSchema, ResultsJson.Serialize(Samples.Document() with { Schema = "flashrnn-bench/0" }));
        Assert.Contains("expected 'flashrnn-bench/1'", Assert.Throws<InvalidDataException>(() => ResultsJson.Read(otherSchema)).Message);
    }

    [Fact]
    public void Rows_format_for_the_tables()
    {
        BenchRow row = Samples.Row("lstm", "bf16", 12, 64, "fwbw", 1.23456) with
        {
            Comparisons = [new ComparisonRecord("reference", "cudnn", "lstm", "fp16", 6.9, 6.9 / 1.23456)],
        };
        IReadOnlyList<string> cells = RowFormat.Cells(row);
        Assert.Equal(RowFormat.Headers.Count, cells.Count);
        Assert.Equal(["lstm", "bf16", "12x64", "16", "1024", "fwbw", "fused/alternating", "1.235", "1.21", "5.59x", "-", "1234", "3.1e-03", "ok"], cells);
        Assert.Equal("NaN", RowFormat.Error(null, hasCheck: true));
        Assert.Equal("-", RowFormat.Error(null, hasCheck: false));
        Assert.Equal("12.35", RowFormat.Ms(12.345));
        Assert.Equal("123.5", RowFormat.Ms(123.45));
        Assert.Equal("fused", Samples.Row("lstm", "bf16", 12, 64, "fw", 1).KernelLabel);
    }

    [Fact]
    public void Markdown_has_a_line_per_row_and_the_problems()
    {
        ResultsDocument document = Samples.Document();
        string markdown = ResultsReport.Markdown(document with { Targets = TargetsEvaluator.Evaluate(document.Rows, null) });
        Assert.Equal(document.Rows.Count, markdown.Split('\n').Count(l => l.StartsWith("| lstm |") || l.StartsWith("| gru |")));
        Assert.Contains("gru-bf16-1x768-B16-T1024-fw-auto: check-failed", markdown);
        Assert.Contains("## Targets", markdown);
        Assert.Contains("- lstm-bf16-48x16-B16-T1024-fwbw-auto: fw fused: plan fits; bw alternating: too large", markdown);
    }

    [Fact]
    public void Markdown_names_the_fused_plan()
    {
        var plan = new PlanRecord("fused", 4, 8, 4, 4, 4, true, true, 10368, 48, 0.545, "Fused on h200");
        BenchRow row = Samples.Row("lstm", "bf16", 12, 64, "fw", 0.4) with
        {
            ForwardKernel = new KernelRecord("fused", "Fused on h200: 4 CTAs per head. Binding: R tiles.", plan),
        };
        string markdown = ResultsReport.Markdown(Samples.Document() with { Rows = [row] });
        Assert.Contains("fw fused (4 CTAs/head, batch tile 8, 4 warps, cluster exchange, planned 0.545 µs/step): Fused on h200: 4 CTAs per head", markdown);
    }
}

public class ProblemLinesTests
{
    [Fact]
    public void Problem_lines_keep_the_first_line_of_long_messages()
    {
        BenchRow failed = Samples.Row("lstm", "bf16", 1, 768, "fw", null, status: RowStatus.Error) with
        {
            Message = "NvrtcCompilationException: NVRTC could not compile\nOptions: ...\nLog: " + new string('x', 5000),
        };
        string line = Assert.Single(ResultsTables.Problems([failed, Samples.Row("lstm", "bf16", 12, 64, "fw", 0.4)]));
        Assert.Equal("lstm-bf16-1x768-B16-T1024-fw-auto: error: NvrtcCompilationException: NVRTC could not compile", line);
        Assert.Equal(300, ResultsTables.Problems([failed with { Message = new string('y', 1000) }]).Single().Length);
    }
}
