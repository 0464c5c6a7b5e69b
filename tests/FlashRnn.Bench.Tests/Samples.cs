using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Tests;

/// <summary>Hand-made rows and documents, as a GPU run would write them.</summary>
internal static class Samples
{
    public static BenchRow Row(string cell, string dtype, int heads, int headSize, string mode, double? medianMs, int batch = 16, int steps = 1024,
        string kernel = "auto", string[]? series = null, string status = RowStatus.Ok) => new()
    {
        Id = $"{cell}-{dtype}-{heads}x{headSize}-B{batch}-T{steps}-{mode}-{kernel}",
        Series = series ?? ["targets"],
        Cell = cell,
        DType = dtype,
        Heads = heads,
        HeadSize = headSize,
        Batch = batch,
        Steps = steps,
        Mode = mode,
        KernelRequested = kernel,
        Status = status,
        ForwardKernel = new KernelRecord("fused", "plan fits", null),
        BackwardKernel = mode == "fwbw" ? new KernelRecord("alternating", "too large", null) : null,
        Timing = medianMs is null ? null : new TimingRecord(medianMs.Value, medianMs.Value * 0.98, medianMs.Value * 0.99, medianMs.Value * 1.02,
            medianMs.Value * 1.1, medianMs.Value, 20, 3, medianMs.Value * 1000 / steps, medianMs.Value * 1.05),
        FirstCallMs = 1234.5,
        Compile = new CompileRecord(1, 0, 1, 800, ["Lstm.fused_forward.BFloat16.12x64"]),
        Check = new CheckRecord(8, true, 3.1e-3, [new TensorErrorRecord("states", 3.1e-3, 3e-2), new TensorErrorRecord("last", 2e-3, 3e-2)]),
    };

    /// <summary>A document with the quick preset's shape: a head-size sweep, a batch sweep and cuDNN measurements.</summary>
    public static ResultsDocument Document()
    {
        var rows = new List<BenchRow>();
        (int Heads, int HeadSize, double Fw)[] layouts = [(48, 16, 0.30), (24, 32, 0.32), (12, 64, 0.35), (6, 128, 0.5), (3, 256, 0.7), (1, 768, 0.95)];
        foreach (var (heads, headSize, fw) in layouts)
        {
            rows.Add(Row("lstm", "bf16", heads, headSize, "fw", fw, series: ["head-size"]));
            rows.Add(Row("lstm", "bf16", heads, headSize, "fwbw", 3 * fw, series: ["head-size"]));
        }
        foreach (int batch in new[] { 2, 4, 8, 32 })
        {
            rows.Add(Row("lstm", "bf16", 12, 64, "fw", 0.3 + batch / 100.0, batch: batch, series: ["batch"]));
            rows.Add(Row("lstm", "bf16", 1, 768, "fw", 0.9 + batch / 50.0, batch: batch, series: ["batch"]));
        }
        rows.Add(Row("lstm", "fp16", 12, 64, "fw", 0.40, series: ["dtypes"]));
        rows.Add(Row("gru", "bf16", 1, 768, "fw", null, series: ["targets"], status: RowStatus.CheckFailed));
        var measurements = new List<BaselineMeasurement>
        {
            new("cudnn", "lstm", 16, 1024, 768, "fp16", "fw", 2.1),
            new("cudnn", "lstm", 16, 1024, 768, "fp16", "fwbw", 6.9),
            new("cudnn", "lstm", 16, 1024, 768, "bf16", "fw", 15.0),
        };
        measurements.AddRange(new[] { 2, 4, 8, 32 }.Select(b => new BaselineMeasurement("cudnn", "lstm", b, 1024, 768, "fp16", "fw", 1.5 + b / 20.0)));
        return new ResultsDocument
        {
            CommandLine = "FlashRnn.Bench run --quick --baselines",
            TimestampUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Machine = new MachineRecord("host", "Linux", "10.0.0", 16),
            Gpu = new GpuRecord("NVIDIA H200", "9.0", 132, 150_000_000_000, 52_428_800, "0000:01:00.0"),
            Versions = new VersionsRecord("0.1.0", "13.0", "13.0"),
            Settings = new SettingsRecord("quick", 3, 20, 8, 2024, true, 540, 256 << 20, "events"),
            Baselines = new BaselinesRecord("measured", null, "/x/cudnn_rnn.py", ["python3 /x/cudnn_rnn.py --cell lstm"], "{}", measurements, []),
            Rows = rows,
        };
    }
}
