using FlashRnn.Bench.Baselines;
using FlashRnn.Bench.Results;
using FlashRnn.Bench.Sweep;

namespace FlashRnn.Bench.Tests;

public class BaselineTests
{
    private static IReadOnlyList<BenchCase> Grid(string cells, string dtypes, string layouts = "12x64,1x768")
        => SweepArguments.Parse(false, null, cells, dtypes, layouts, null, null, null, null).Cases();

    [Fact]
    public void A_request_passes_the_scripts_arguments()
    {
        var request = new BaselineRequest("gru", 768, 16, 1024, "bf16", WithLoop: false);
        Assert.Equal(["--cell", "gru", "--hidden", "768", "--batch", "16", "--seq", "1024", "--dtype", "bf16", "--mode", "both"], request.Arguments);
        Assert.Equal(["--impl", "both"], (request with { WithLoop = true }).Arguments.TakeLast(2));
    }

    [Fact]
    public void Rows_need_cudnn_fp16_and_their_own_dtype_once_per_shape()
    {
        // Two layouts of 768 units share one cuDNN shape; sLSTM is compared with cuDNN's LSTM.
        IReadOnlyList<BaselineRequest> requests = BaselineRequest.For(Grid("lstm,slstm,gru", "bf16,fp16"), withLoop: false);
        Assert.Equal(
        [
            new BaselineRequest("lstm", 768, 16, 1024, "fp16", false),
            new BaselineRequest("lstm", 768, 16, 1024, "bf16", false),
            new BaselineRequest("gru", 768, 16, 1024, "fp16", false),
            new BaselineRequest("gru", 768, 16, 1024, "bf16", false),
        ], requests);
    }

    [Fact]
    public void The_loop_baseline_runs_in_the_rows_dtype_only()
    {
        IReadOnlyList<BaselineRequest> requests = BaselineRequest.For(Grid("lstm", "bf16", "1x768"), withLoop: true);
        Assert.Equal([false, true], requests.Select(r => r.WithLoop));
        Assert.Equal(["fp16", "bf16"], requests.Select(r => r.DType));
    }

    [Fact]
    public void Output_lines_become_measurements_and_errors()
    {
        BaselineRequest[] requests = [new("lstm", 768, 16, 1024, "fp16", false), new("gru", 768, 16, 1024, "bf16", false)];
        string stdout = """
            {"frbench_request": 0}
            some warning printed by torch
            {"impl": "cudnn", "cell": "lstm", "B": 16, "T": 1024, "H": 768, "dtype": "fp16", "mode": "fw", "ms": 2.1234}
            {"impl": "cudnn", "cell": "lstm", "B": 16, "T": 1024, "H": 768, "dtype": "fp16", "mode": "fwbw", "ms": 6.9}
            {"frbench_request": 1}
            {"frbench_request": 1, "error": "RuntimeError: CUDA out of memory"}
            {"impl": "cudnn", "cell": "gru", "B": 16, "T": 1024, "H": 768, "dtype": "bf16", "mode": "fw", "ms": "fast"}
            {"impl": "cudnn", "cell": "gru", "B": 16, "T": 1024, "H": 768, "dtype": "bf16", "mode": "fw", "ms": 0}
            {not json
            """;
        BaselineOutput output = BaselineOutput.Parse(stdout, requests);
        Assert.Equal([new BaselineMeasurement("cudnn", "lstm", 16, 1024, 768, "fp16", "fw", 2.1234),
            new BaselineMeasurement("cudnn", "lstm", 16, 1024, 768, "fp16", "fwbw", 6.9)], output.Measurements);
        string error = Assert.Single(output.Errors);
        Assert.StartsWith("--cell gru --hidden 768", error);
        Assert.EndsWith("RuntimeError: CUDA out of memory", error);
    }

    [Fact]
    public void Speedup_is_baseline_time_over_ours()
    {
        Assert.Equal(4.0, BaselineComparisons.Speedup(2.0, 0.5));
        Assert.Null(BaselineComparisons.Speedup(2.0, null));
        Assert.Null(BaselineComparisons.Speedup(2.0, 0));
    }

    [Fact]
    public void Rows_are_paired_with_the_baselines_of_their_shape_and_mode()
    {
        BenchRow row = Samples.Row("slstm", "bf16", 12, 64, "fw", 0.5);
        BaselineMeasurement[] measured =
        [
            new("cudnn", "lstm", 16, 1024, 768, "fp16", "fw", 2.0),
            new("cudnn", "lstm", 16, 1024, 768, "fp16", "fwbw", 7.0),
            new("cudnn", "lstm", 16, 1024, 768, "bf16", "fw", 15.0),
            new("torch-loop", "lstm", 16, 1024, 768, "bf16", "fw", 175.0),
            new("cudnn", "lstm", 32, 1024, 768, "fp16", "fw", 3.0),
            new("cudnn", "gru", 16, 1024, 768, "fp16", "fw", 9.0),
        ];
        IReadOnlyList<ComparisonRecord> comparisons = BaselineComparisons.For(row, "lstm", measured);
        Assert.Equal(
        [
            new ComparisonRecord("reference", "cudnn", "lstm", "fp16", 2.0, 4.0),
            new ComparisonRecord("same-dtype", "cudnn", "lstm", "bf16", 15.0, 30.0),
            new ComparisonRecord("loop", "torch-loop", "lstm", "bf16", 175.0, 350.0),
        ], comparisons);
        Assert.Empty(BaselineComparisons.For(row with { Batch = 8 }, "lstm", measured));
    }

    [Fact]
    public void The_script_is_found_where_given_or_beside_the_app()
    {
        string root = Directory.CreateTempSubdirectory("frbench-script-").FullName;
        try
        {
            string app = Directory.CreateDirectory(Path.Combine(root, ".device", "FlashRnn.Bench")).FullName;
            string script = Path.Combine(root, ".device", "baselines", "cudnn_rnn.py");
            Directory.CreateDirectory(Path.GetDirectoryName(script)!);
            File.WriteAllText(script, "# stand-in");
            Assert.Equal(script, BaselineScript.Resolve(null, root, "/nowhere", out _)); // the kit's place under the project root
            Assert.Equal(script, BaselineScript.Resolve(null, app, app, out _));         // beside the app
            Assert.Equal(script, BaselineScript.Resolve(script, "/nowhere", "/nowhere", out _));
            Assert.Null(BaselineScript.Resolve("missing.py", root, app, out string lookedAt));
            Assert.Contains("missing.py", lookedAt);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
