using System.Text.Json.Serialization;

namespace FlashRnn.Bench.Results;

/// <summary>Row status values.</summary>
internal static class RowStatus
{
    /// <summary>Checked against the reference and timed.</summary>
    public const string Ok = "ok";

    /// <summary>The GPU result missed the reference: no timing is reported.</summary>
    public const string CheckFailed = "check-failed";

    /// <summary>The requested kernel does not run this shape (fused requested, no fused plan fits).</summary>
    public const string Unsupported = "unsupported";

    /// <summary>An exception (CUDA, NVRTC, out of memory); see the message.</summary>
    public const string Error = "error";

    /// <summary>Not run: the time limit was reached, or the CUDA context was lost earlier.</summary>
    public const string Skipped = "skipped";
}

/// <summary>One configuration's result: one element of <c>rows</c> in results.json.</summary>
internal sealed record BenchRow
{
    /// <summary>Stable identifier, e.g. <c>lstm-bf16-12x64-B16-T1024-fw-auto</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The sweeps the configuration belongs to (<c>head-size</c>, <c>batch</c>, <c>seq</c>, <c>targets</c>, ...).</summary>
    public required IReadOnlyList<string> Series { get; init; }

    public required string Cell { get; init; }

    /// <summary><c>bf16</c>, <c>fp16</c> or <c>fp32</c>.</summary>
    [JsonPropertyName("dtype")]
    public required string DType { get; init; }

    public required int Heads { get; init; }

    public required int HeadSize { get; init; }

    public required int Batch { get; init; }

    /// <summary>Sequence length T.</summary>
    public required int Steps { get; init; }

    /// <summary><c>fw</c> or <c>fwbw</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>What was asked for: <c>auto</c>, <c>fused</c> or <c>alternating</c>.</summary>
    public required string KernelRequested { get; init; }

    /// <summary>One of <see cref="RowStatus"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why a row is not <c>ok</c>.</summary>
    public string? Message { get; init; }

    /// <summary>The kernel the forward pass ran, and why.</summary>
    public KernelRecord? ForwardKernel { get; init; }

    /// <summary>The kernel the backward pass ran (fwbw only).</summary>
    public KernelRecord? BackwardKernel { get; init; }

    /// <summary>The timed repetitions (ok rows only).</summary>
    public TimingRecord? Timing { get; init; }

    /// <summary>Wall time of the configuration's first GPU call (the check), which compiles or loads its kernels.</summary>
    public double? FirstCallMs { get; init; }

    /// <summary>The kernel compilations charged to this configuration.</summary>
    public CompileRecord? Compile { get; init; }

    /// <summary>The comparison with the float64 CPU reference.</summary>
    public CheckRecord? Check { get; init; }

    /// <summary>The baselines measured in this run for the same B, T and total hidden size, with the speedup over each.</summary>
    public IReadOnlyList<ComparisonRecord> Comparisons { get; init; } = [];

    /// <summary><c>NHxDH</c>.</summary>
    public string Layout => $"{Heads}x{HeadSize}";

    /// <summary>NH·DH, the hidden size cuDNN is given.</summary>
    public int Hidden => Heads * HeadSize;

    /// <summary>The kernels that ran, e.g. <c>fused</c>, or <c>fused/alternating</c> when fw and bw differ.</summary>
    public string? KernelLabel => ForwardKernel is null ? null
        : BackwardKernel is null || BackwardKernel.Kind == ForwardKernel.Kind ? ForwardKernel.Kind
        : $"{ForwardKernel.Kind}/{BackwardKernel.Kind}";

    /// <summary>The comparison in <paramref name="role"/>, if that baseline was measured.</summary>
    public ComparisonRecord? Comparison(string role) => Comparisons.FirstOrDefault(c => c.Role == role);
}

/// <summary>A kernel selection (from RnnKernels.KernelSelected / the result's Kernel property).</summary>
/// <param name="Kind"><c>fused</c> or <c>alternating</c>.</param>
/// <param name="Reason">The runtime's reason for it.</param>
/// <param name="Plan">The fused plan (also when it was not used), or null.</param>
internal sealed record KernelRecord(string Kind, string Reason, PlanRecord? Plan);

/// <summary>The fused kernel plan's constants (ConstrINT's choice for this device).</summary>
internal sealed record PlanRecord(string Kind, int CtasPerHead, int BatchTile, int Warps, int RRegisterTiles, int InputStages, bool UseCluster,
    bool StoreGates, int SharedMemoryBytes, int GridCtas, double EstimatedMicrosecondsPerStep, string Reason, int ExchangeCluster = 1);

/// <summary>
/// Timed repetitions: CUDA-event milliseconds (median, min, p10, p90, max, mean), microseconds per step (median / T),
/// and the median host wall time of the same region.
/// </summary>
internal sealed record TimingRecord(double MedianMs, double MinMs, double P10Ms, double P90Ms, double MaxMs, double MeanMs,
    int Reps, int Warmup, double MicrosecondsPerStep, double HostMedianMs);

/// <summary>Kernel compilations charged to a configuration (see README.md: compiled ahead in parallel or by its first call).</summary>
internal sealed record CompileRecord(int Compiled, int FromDisk, int FromMemory, double NvrtcMs, IReadOnlyList<string> Programs);

/// <summary>The correctness check: steps used, whether every tensor passed, the largest error, and each tensor's error and bound.</summary>
internal sealed record CheckRecord(int Steps, bool Passed, double? MaxError, IReadOnlyList<TensorErrorRecord> Tensors);

/// <summary>One tensor's relative error (null for NaN: a non-finite output) and its bound.</summary>
internal sealed record TensorErrorRecord(string Name, double? Error, double Bound);

/// <summary>
/// A baseline measured in the same run. <see cref="Speedup"/> = baseline ms / our ms: above 1 we are faster.
/// </summary>
/// <param name="Role"><c>reference</c> (cuDNN fp16, targets.md's anchor), <c>same-dtype</c> (cuDNN in the row's dtype) or <c>loop</c> (plain PyTorch loop, row's dtype).</param>
internal sealed record ComparisonRecord(string Role, string Impl, string Cell, [property: JsonPropertyName("dtype")] string DType, double Ms, double? Speedup);
