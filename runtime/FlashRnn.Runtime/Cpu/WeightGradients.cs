using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlashRnn.Cpu;

/// <summary>
/// dR and dBias as reductions over batch and time of what the reverse recurrence stored, done after it (the
/// GEMM-like part of the backward pass): <c>dR[g, h, i, j] = Σ_{b,t} s_rec(t-1)[b, h, i] · drec[b, t, g, h, j]</c> and
/// <c>dBias[g, h, j] = Σ_{b,t} drec[b, t, g, h, j]</c>. Every output element is summed by one worker in (b, t)
/// order, so the result does not depend on the degree of parallelism.
/// </summary>
internal static class WeightGradients
{
    // A work item's block of dR rows is kept this small (bytes) so it stays in L1 while drec streams past it.
    private const int BlockBytes = 16 * 1024;
    private const int MaxRowsPerBlock = 16;

    /// <param name="dims">The call's sizes.</param>
    /// <param name="dRecurrent">drec, laid out <c>[G, NH, B·T, DH]</c>.</param>
    /// <param name="recurrentInputs">s_rec(t-1), laid out <c>[NH, B·T, DH]</c>.</param>
    /// <param name="dR">Written: <c>[G, NH, DH, DH]</c>.</param>
    /// <param name="dBias">Written: <c>[G, NH, DH]</c>.</param>
    /// <param name="options">Degree of parallelism.</param>
    public static void Reduce<T>(RnnDims dims, T[] dRecurrent, T[] recurrentInputs, T[] dR, T[] dBias,
        ParallelOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int dh = dims.HeadSize, rows = dims.Batch * dims.Time, heads = dims.Heads;
        int blockRows = Math.Clamp(BlockBytes / (dh * Unsafe.SizeOf<T>()), 1, MaxRowsPerBlock);
        int blocksPerGateHead = (dh + blockRows - 1) / blockRows;

        // One work item per block of dR rows (g, h, i0 .. i0+count): each drec row is read once per block, not
        // once per dR row, and G·NH·blocks items are enough to fill the cores even at NH = 1.
        Parallel.For(0, dims.Gates * heads * blocksPerGateHead, options, item =>
        {
            int gh = item / blocksPerGateHead, h = gh % heads;
            int i0 = item % blocksPerGateHead * blockRows, count = Math.Min(blockRows, dh - i0);
            var target = dR.AsSpan(dims.RecurrentRowOffset(gh / heads, h, i0), count * dh);
            ReadOnlySpan<T> gradients = dRecurrent.AsSpan(gh * rows * dh, rows * dh);
            ReadOnlySpan<T> inputs = recurrentInputs.AsSpan(h * rows * dh, rows * dh);
            for (int row = 0; row < rows; row++)
            {
                var gradientRow = gradients.Slice(row * dh, dh);
                for (int k = 0; k < count; k++)
                    SpanMath.MultiplyAdd(inputs[row * dh + i0 + k], gradientRow, target.Slice(k * dh, dh));
            }
        });

        Parallel.For(0, dims.Gates * heads, options, gh =>
        {
            var target = dBias.AsSpan(gh * dh, dh);
            ReadOnlySpan<T> gradients = dRecurrent.AsSpan(gh * rows * dh, rows * dh);
            for (int row = 0; row < rows; row++)
                SpanMath.Add(gradients.Slice(row * dh, dh), target);
        });
    }
}
