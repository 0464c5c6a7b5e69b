using System.Numerics;
using FlashRnn.Cpu;
using static FlashRnn.Cpu.CellMath;

namespace FlashRnn.Cpu.Tests.Fixtures;

/// <summary>
/// TEST FIXTURE, written by hand (the generator emits the real cells): the LSTM step with gates i f z o and states
/// h c. Forward: c' = σ(i)·tanh(z) + σ(f)·c, h' = σ(o)·tanh(c'). The backward is the hand-derived chain rule.
/// </summary>
public struct LstmCell : IPointwiseCell
{
    private const int I = 0, F = 1, Z = 2, O = 3;
    private const int H = 0, C = 1;

    public static CellInfo Info { get; } = new("Lstm", ["i", "f", "z", "o"], ["h", "c"], recurrentState: H,
        outputStates: [H], initialValues: [0.0, 0.0]);

    public static void Forward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        Span<T> newState, bool firstStep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T i = Sigmoid(gateInput[I] + gateRecurrent[I]);
        T f = Sigmoid(gateInput[F] + gateRecurrent[F]);
        T z = Tanh(gateInput[Z] + gateRecurrent[Z]);
        T o = Sigmoid(gateInput[O] + gateRecurrent[O]);
        T c = f * state[C] + i * z;
        newState[C] = c;
        newState[H] = o * Tanh(c);
    }

    public static void Backward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        bool firstStep, ReadOnlySpan<T> dNewState, Span<T> dGateInput, Span<T> dGateRecurrent, Span<T> dState)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One;
        T i = Sigmoid(gateInput[I] + gateRecurrent[I]);
        T f = Sigmoid(gateInput[F] + gateRecurrent[F]);
        T z = Tanh(gateInput[Z] + gateRecurrent[Z]);
        T o = Sigmoid(gateInput[O] + gateRecurrent[O]);
        T c = f * state[C] + i * z;
        T tanhC = Tanh(c);

        T dc = dNewState[C] + dNewState[H] * o * (one - tanhC * tanhC);
        Span<T> dPre = stackalloc T[4];
        dPre[I] = dc * z * i * (one - i);
        dPre[F] = dc * state[C] * f * (one - f);
        dPre[Z] = dc * i * (one - z * z);
        dPre[O] = dNewState[H] * tanhC * o * (one - o);
        // A gate's pre-activation is the sum of its two parts, so both parts get the same gradient.
        dPre.CopyTo(dGateInput);
        dPre.CopyTo(dGateRecurrent);
        dState[H] = T.Zero; // h(t-1) reaches this step only through R, which the engine handles
        dState[C] = dc * f;
    }
}
