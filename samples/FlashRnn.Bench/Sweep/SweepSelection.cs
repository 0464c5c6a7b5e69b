using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Sweep;

/// <summary>
/// The values given to the selection options; null for an option not given. With a preset they filter its
/// configurations; without one they span a grid, where an option not given takes its default.
/// </summary>
internal sealed record SweepSelection
{
    public IReadOnlyList<BenchCell>? Cells { get; init; }
    public IReadOnlyList<BenchDType>? DTypes { get; init; }
    public IReadOnlyList<HeadLayout>? Layouts { get; init; }
    public IReadOnlyList<int>? Batches { get; init; }
    public IReadOnlyList<int>? Steps { get; init; }
    public IReadOnlyList<BenchMode>? Modes { get; init; }
    public IReadOnlyList<KernelChoice>? Kernels { get; init; }

    /// <summary>Whether any selection option was given.</summary>
    public bool IsEmpty => Cells is null && DTypes is null && Layouts is null && Batches is null && Steps is null && Modes is null && Kernels is null;

    /// <summary>Whether <paramref name="c"/> has a value every given option allows.</summary>
    public bool Allows(BenchCase c)
        => (Cells is null || Cells.Contains(c.Cell)) && (DTypes is null || DTypes.Contains(c.DType)) &&
           (Layouts is null || Layouts.Contains(c.Layout)) && (Batches is null || Batches.Contains(c.Batch)) &&
           (Steps is null || Steps.Contains(c.Steps)) && (Modes is null || Modes.Contains(c.Mode)) &&
           (Kernels is null || Kernels.Contains(c.Kernel));
}
