using System.Text.Json.Serialization;

namespace FlashRnn.Bench.Results;

/// <summary>results.json: everything a run measured, and enough about the machine and the command to repeat it.</summary>
internal sealed record ResultsDocument
{
    /// <summary>The schema's name and version; bumped when a field changes meaning.</summary>
    public const string CurrentSchema = "flashrnn-bench/1";

    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The exact command line.</summary>
    public required string CommandLine { get; init; }

    /// <summary>When the run started (UTC, ISO 8601).</summary>
    public required DateTimeOffset TimestampUtc { get; init; }

    public required MachineRecord Machine { get; init; }

    /// <summary>The GPU measured on (null when none was found).</summary>
    public GpuRecord? Gpu { get; init; }

    public required VersionsRecord Versions { get; init; }

    public required SettingsRecord Settings { get; init; }

    /// <summary>The ahead-of-time parallel compilation (null with --no-precompile).</summary>
    public PrecompileRecord? Precompile { get; init; }

    /// <summary>The baseline run (null without --baselines).</summary>
    public BaselinesRecord? Baselines { get; init; }

    /// <summary>First call of a declared size with a cold and a warm kernel cache (null when skipped).</summary>
    public CompileTimeRecord? CompileTime { get; init; }

    public IReadOnlyList<BenchRow> Rows { get; init; } = [];

    /// <summary>The targets.md rows this run can answer, with the measured value.</summary>
    public IReadOnlyList<TargetRecord> Targets { get; init; } = [];

    /// <summary>Anything the reader must know (skipped baselines, missing fonts, a lost context).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

internal sealed record MachineRecord(string HostName, string Os, string DotNet, int ProcessorCount);

internal sealed record GpuRecord(string Name, string ComputeCapability, int Multiprocessors, long MemoryBytes, int L2CacheBytes, string PciBusId);

/// <summary>FlashRnn runtime, CUDA driver (as the driver reports it) and NVRTC versions.</summary>
internal sealed record VersionsRecord(string Runtime, string? CudaDriver, string? Nvrtc);

/// <summary>How the run measured: preset (null for a grid), repetitions, check length, seed, time limit.</summary>
internal sealed record SettingsRecord(string? Preset, int Warmup, int Reps, int CheckSteps, int Seed, bool Precompile,
    double TimeLimitSeconds, long L2FlushBytes, string TimingNote);

internal sealed record PrecompileRecord(double WallMs, int Programs, int Compiled, int FromDisk, double NvrtcMs, double LongestMs,
    IReadOnlyList<string> Failed);

/// <summary>
/// The baseline script's run: <see cref="Status"/> is <c>measured</c>, <c>partial</c> (some requests failed) or
/// <c>skipped</c> (see <see cref="Note"/>).
/// </summary>
internal sealed record BaselinesRecord(string Status, string? Note, string? Script, IReadOnlyList<string> Commands,
    string? Environment, IReadOnlyList<BaselineMeasurement> Measurements, IReadOnlyList<string> Errors);

/// <summary>One JSON line of the baseline script: {impl, cell, B, T, H, dtype, mode, ms}.</summary>
internal sealed record BaselineMeasurement(
    [property: JsonPropertyName("impl")] string Impl,
    [property: JsonPropertyName("cell")] string Cell,
    [property: JsonPropertyName("B")] int B,
    [property: JsonPropertyName("T")] int T,
    [property: JsonPropertyName("H")] int H,
    [property: JsonPropertyName("dtype")] string DType,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("ms")] double Ms);

/// <summary>One process's first call (see CompileTimeProbe).</summary>
internal sealed record CompileProbeRecord(double FirstCallMs, int Compiled, int FromDisk, double NvrtcMs, double LongestNvrtcMs,
    double SecondCallMs, IReadOnlyList<string> Kernels);

/// <summary>The compile-time measurement: configuration, a process with an empty cache folder, then one with it filled.</summary>
internal sealed record CompileTimeRecord(string Configuration, CompileProbeRecord? Cold, CompileProbeRecord? Warm, string? Error);

/// <summary>One targets.md row: what was measured against what the project aims for.</summary>
internal sealed record TargetRecord(string Case, string Measured, string Target, bool? Met, string? Note);
