using System.Numerics;

namespace FlashRnn.Cpu;

/// <summary>
/// The recurrent part of every gate for one (batch row, head) at one step:
/// <c>rec[g, j] = Σ_i s_rec[i] · R[g, h, i, j] + bias[g, h, j]</c>. Forward and backward both call this one
/// routine, so the backward pass sees bitwise the same gate values (and takes the same branches) as the forward.
/// </summary>
internal static class RecurrentProduct
{
    /// <param name="dims">The call's sizes.</param>
    /// <param name="r">R, <c>[G, NH, DH, DH]</c>, row-major.</param>
    /// <param name="bias">bias, <c>[G, NH, DH]</c>, row-major.</param>
    /// <param name="head">The head h.</param>
    /// <param name="recurrentState">s_rec(t-1) of this (batch row, head), DH values.</param>
    /// <param name="rec">Written: <c>[G, DH]</c>.</param>
    public static void Compute<T>(in RnnDims dims, ReadOnlySpan<T> r, ReadOnlySpan<T> bias, int head,
        ReadOnlySpan<T> recurrentState, Span<T> rec) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int dh = dims.HeadSize;
        for (int g = 0; g < dims.Gates; g++)
        {
            var gate = rec.Slice(g * dh, dh);
            gate.Clear();
            // s_rec · R_g: a combination of R_g's contiguous rows, so the loop over output units vectorises.
            SpanMath.AccumulateRowCombination(recurrentState, 1, r.Slice(dims.RecurrentRowOffset(g, head, 0), dh * dh),
                dh, dh, gate);
            SpanMath.Add(bias.Slice(dims.BiasOffset(g, head), dh), gate);
        }
    }
}
