using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Sweep;

/// <summary>
/// One configuration to measure. <see cref="Series"/> names the sweeps it belongs to (a configuration shared by the
/// head-size and the batch sweep is measured once and carries both names).
/// </summary>
internal sealed record BenchCase(BenchCell Cell, BenchDType DType, HeadLayout Layout, int Batch, int Steps, BenchMode Mode,
    KernelChoice Kernel)
{
    /// <summary>The sweeps this configuration belongs to, e.g. <c>head-size</c>, <c>batch</c>.</summary>
    public IReadOnlyList<string> Series { get; init; } = [];

    /// <summary>A stable identifier, e.g. <c>lstm-bf16-12x64-B16-T1024-fw-auto</c>.</summary>
    public string Id => $"{Cell.Name}-{DType.Name}-{Layout}-B{Batch}-T{Steps}-{AxisNames.Name(Mode)}-{AxisNames.Name(Kernel)}";

    /// <summary>Whether two cases measure the same thing (everything but <see cref="Series"/>).</summary>
    public bool SameConfiguration(BenchCase other) => Id == other.Id;

    /// <inheritdoc/>
    public override string ToString() => Id;
}
