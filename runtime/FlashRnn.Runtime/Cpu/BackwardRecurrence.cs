using System.Numerics;

namespace FlashRnn.Cpu;

/// <summary>
/// The reverse recurrence of one (batch row, head) pair, from step T-1 down to 0. It writes <c>dWx</c>, the gradient
/// of every gate's recurrent part (<c>drec</c>), the recurrent state each step read (for the later <c>dR</c>
/// reduction) and the pair's initial-state gradient. Pairs are independent, as in the forward pass.
/// </summary>
internal static class BackwardRecurrence
{
    /// <summary>Per-worker buffers, allocated once per worker and reused for every pair and step.</summary>
    internal sealed class Scratch<T>(in RnnDims dims) where T : unmanaged
    {
        public readonly T[] Previous = new T[dims.States * dims.HeadSize];       // s(t-1), [S, DH]
        public readonly T[] Carry = new T[dims.States * dims.HeadSize];          // dL/ds(t), [S, DH]
        public readonly T[] CarryPrevious = new T[dims.States * dims.HeadSize];  // dL/ds(t-1), [S, DH]
        public readonly T[] Recurrent = new T[dims.Gates * dims.HeadSize];       // R·s_rec + b, [G, DH]
        public readonly T[] DRecurrent = new T[dims.Gates * dims.HeadSize];      // drec(t), [G, DH]
        public readonly T[] UnitInput = new T[dims.Gates];
        public readonly T[] UnitRecurrent = new T[dims.Gates];
        public readonly T[] UnitState = new T[dims.States];
        public readonly T[] UnitDNewState = new T[dims.States];
        public readonly T[] UnitDInput = new T[dims.Gates];
        public readonly T[] UnitDRecurrent = new T[dims.Gates];
        public readonly T[] UnitDState = new T[dims.States];
    }

    /// <summary>What the pass reads.</summary>
    internal readonly ref struct Inputs<T>(ReadOnlySpan<T> wx, ReadOnlySpan<T> r, ReadOnlySpan<T> bias,
        ReadOnlySpan<T> initial, ReadOnlySpan<T> states, ReadOnlySpan<T> dStates, ReadOnlySpan<T> dLast)
    {
        public readonly ReadOnlySpan<T> Wx = wx;           // [B, T, G, NH, DH]
        public readonly ReadOnlySpan<T> R = r;             // [G, NH, DH, DH]
        public readonly ReadOnlySpan<T> Bias = bias;       // [G, NH, DH]
        public readonly ReadOnlySpan<T> Initial = initial; // [S, B, NH, DH]
        public readonly ReadOnlySpan<T> States = states;   // forward states [S, B, T, NH, DH]
        public readonly ReadOnlySpan<T> DStates = dStates; // [S, B, T, NH, DH], or empty for zero
        public readonly ReadOnlySpan<T> DLast = dLast;     // [S, B, NH, DH], or empty for zero
    }

    /// <summary>What the pass writes; each pair writes only its own slices.</summary>
    internal readonly ref struct Outputs<T>(Span<T> dWx, Span<T> dRecurrent, Span<T> recurrentInputs, Span<T> dInitial)
    {
        public readonly Span<T> DWx = dWx;                         // [B, T, G, NH, DH]
        public readonly Span<T> DRecurrent = dRecurrent;           // drec, laid out [G, NH, B, T, DH]
        public readonly Span<T> RecurrentInputs = recurrentInputs; // s_rec(t-1), laid out [NH, B, T, DH]
        public readonly Span<T> DInitial = dInitial;               // [S, B, NH, DH]
    }

    /// <summary>Runs pair (b, h).</summary>
    public static void Run<TCell, T>(in RnnDims dims, int recurrentState, in Inputs<T> input, in Outputs<T> output,
        int b, int h, Scratch<T> scratch)
        where TCell : struct, IPointwiseCell
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int dh = dims.HeadSize, stateCount = dims.States, gateCount = dims.Gates, steps = dims.Time;
        int gateStride = dims.Heads * dh;
        Span<T> previous = scratch.Previous, carry = scratch.Carry, carryPrevious = scratch.CarryPrevious;
        Span<T> rec = scratch.Recurrent, dRec = scratch.DRecurrent;
        Span<T> unitInput = scratch.UnitInput, unitRecurrent = scratch.UnitRecurrent, unitState = scratch.UnitState;
        Span<T> unitDNew = scratch.UnitDNewState, unitDInput = scratch.UnitDInput;
        Span<T> unitDRecurrent = scratch.UnitDRecurrent, unitDState = scratch.UnitDState;

        // dL/ds(T-1) starts from dLast (Last is the state after step T-1); later steps add to it below.
        for (int k = 0; k < stateCount; k++)
        {
            var slot = carry.Slice(k * dh, dh);
            if (input.DLast.IsEmpty) slot.Clear();
            else input.DLast.Slice(dims.StepStateOffset(k, b, h), dh).CopyTo(slot);
        }

        for (int t = steps - 1; t >= 0; t--)
        {
            for (int k = 0; k < stateCount; k++)
            {
                if (!input.DStates.IsEmpty)
                    SpanMath.Add(input.DStates.Slice(dims.SequenceStateOffset(k, b, t, h), dh), carry.Slice(k * dh, dh));
                var source = t > 0
                    ? input.States.Slice(dims.SequenceStateOffset(k, b, t - 1, h), dh)
                    : input.Initial.Slice(dims.StepStateOffset(k, b, h), dh);
                source.CopyTo(previous.Slice(k * dh, dh));
            }
            var recurrentInput = previous.Slice(recurrentState * dh, dh);
            recurrentInput.CopyTo(output.RecurrentInputs.Slice(((h * dims.Batch + b) * steps + t) * dh, dh));
            RecurrentProduct.Compute(dims, input.R, input.Bias, h, recurrentInput, rec);

            int inputBase = dims.GateInputOffset(b, t, 0, h);
            for (int u = 0; u < dh; u++)
            {
                for (int g = 0; g < gateCount; g++)
                {
                    unitInput[g] = input.Wx[inputBase + g * gateStride + u];
                    unitRecurrent[g] = rec[g * dh + u];
                }
                for (int k = 0; k < stateCount; k++)
                {
                    unitState[k] = previous[k * dh + u];
                    unitDNew[k] = carry[k * dh + u];
                }
                TCell.Backward<T>(unitInput, unitRecurrent, unitState, firstStep: t == 0, unitDNew, unitDInput,
                    unitDRecurrent, unitDState);
                for (int g = 0; g < gateCount; g++)
                {
                    output.DWx[inputBase + g * gateStride + u] = unitDInput[g];
                    dRec[g * dh + u] = unitDRecurrent[g];
                }
                for (int k = 0; k < stateCount; k++) carryPrevious[k * dh + u] = unitDState[k];
            }

            // The recurrent chain: ds_rec(t-1)[i] += Σ_g Σ_j R[g, h, i, j] · drec_g(t)[j].
            var dRecurrentState = carryPrevious.Slice(recurrentState * dh, dh);
            for (int g = 0; g < gateCount; g++)
            {
                var dRecGate = dRec.Slice(g * dh, dh);
                dRecGate.CopyTo(output.DRecurrent.Slice((((g * dims.Heads + h) * dims.Batch + b) * steps + t) * dh, dh));
                for (int i = 0; i < dh; i++)
                    dRecurrentState[i] += SpanMath.Dot(input.R.Slice(dims.RecurrentRowOffset(g, h, i), dh), dRecGate);
            }

            var swap = carry;
            carry = carryPrevious;
            carryPrevious = swap;
        }

        for (int k = 0; k < stateCount; k++)
            carry.Slice(k * dh, dh).CopyTo(output.DInitial.Slice(dims.StepStateOffset(k, b, h), dh));
    }
}
