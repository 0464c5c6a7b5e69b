using System.Numerics;

namespace FlashRnn.Cpu;

/// <summary>
/// The forward recurrence of one (batch row, head) pair over all T steps. Pairs are independent (the recurrent
/// matrix is block-diagonal over heads and batch rows never mix), so <see cref="CpuReference"/> runs them in parallel.
/// </summary>
internal static class ForwardRecurrence
{
    /// <summary>Per-worker buffers, allocated once per worker and reused for every pair and step.</summary>
    internal sealed class Scratch<T>(in RnnDims dims) where T : unmanaged
    {
        public readonly T[] Previous = new T[dims.States * dims.HeadSize];   // s(t-1), [S, DH]
        public readonly T[] Next = new T[dims.States * dims.HeadSize];       // s(t), [S, DH]
        public readonly T[] Recurrent = new T[dims.Gates * dims.HeadSize];   // R·s_rec + b, [G, DH]
        public readonly T[] UnitInput = new T[dims.Gates];
        public readonly T[] UnitRecurrent = new T[dims.Gates];
        public readonly T[] UnitState = new T[dims.States];
        public readonly T[] UnitNewState = new T[dims.States];
    }

    /// <summary>Runs pair (b, h) and writes its slices of <paramref name="states"/> and <paramref name="last"/>.</summary>
    /// <param name="dims">The call's sizes.</param>
    /// <param name="recurrentState">Index of the state that feeds R.</param>
    /// <param name="wx">Gate inputs <c>[B, T, G, NH, DH]</c>.</param>
    /// <param name="r">Recurrent weights <c>[G, NH, DH, DH]</c>.</param>
    /// <param name="bias">Biases <c>[G, NH, DH]</c>.</param>
    /// <param name="initial">Initial states <c>[S, B, NH, DH]</c>.</param>
    /// <param name="states">Written: <c>[S, B, T, NH, DH]</c>.</param>
    /// <param name="last">Written: <c>[S, B, NH, DH]</c>.</param>
    /// <param name="b">Batch row.</param>
    /// <param name="h">Head.</param>
    /// <param name="scratch">This worker's buffers.</param>
    public static void Run<TCell, T>(in RnnDims dims, int recurrentState, ReadOnlySpan<T> wx, ReadOnlySpan<T> r,
        ReadOnlySpan<T> bias, ReadOnlySpan<T> initial, Span<T> states, Span<T> last, int b, int h, Scratch<T> scratch)
        where TCell : struct, IPointwiseCell
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int dh = dims.HeadSize, stateCount = dims.States, gateCount = dims.Gates;
        Span<T> previous = scratch.Previous, next = scratch.Next, rec = scratch.Recurrent;
        Span<T> unitInput = scratch.UnitInput, unitRecurrent = scratch.UnitRecurrent;
        Span<T> unitState = scratch.UnitState, unitNewState = scratch.UnitNewState;
        int gateStride = dims.Heads * dh; // distance between gates g and g+1 of one unit in Wx

        for (int k = 0; k < stateCount; k++)
            initial.Slice(dims.StepStateOffset(k, b, h), dh).CopyTo(previous.Slice(k * dh, dh));

        for (int t = 0; t < dims.Time; t++)
        {
            RecurrentProduct.Compute(dims, r, bias, h, previous.Slice(recurrentState * dh, dh), rec);
            int inputBase = dims.GateInputOffset(b, t, 0, h);
            for (int u = 0; u < dh; u++)
            {
                // Gather the unit's G gate parts and S states from their strided homes into contiguous spans.
                for (int g = 0; g < gateCount; g++)
                {
                    unitInput[g] = wx[inputBase + g * gateStride + u];
                    unitRecurrent[g] = rec[g * dh + u];
                }
                for (int k = 0; k < stateCount; k++) unitState[k] = previous[k * dh + u];
                TCell.Forward<T>(unitInput, unitRecurrent, unitState, unitNewState, firstStep: t == 0);
                for (int k = 0; k < stateCount; k++) next[k * dh + u] = unitNewState[k];
            }
            for (int k = 0; k < stateCount; k++)
                next.Slice(k * dh, dh).CopyTo(states.Slice(dims.SequenceStateOffset(k, b, t, h), dh));
            // The new states are the next step's previous ones.
            var swap = previous;
            previous = next;
            next = swap;
        }

        for (int k = 0; k < stateCount; k++)
            previous.Slice(k * dh, dh).CopyTo(last.Slice(dims.StepStateOffset(k, b, h), dh));
    }
}
