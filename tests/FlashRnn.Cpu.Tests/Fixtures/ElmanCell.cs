using System.Numerics;
using FlashRnn.Cpu;
using static FlashRnn.Cpu.CellMath;

namespace FlashRnn.Cpu.Tests.Fixtures;

/// <summary>TEST FIXTURE, written by hand: the Elman (tanh RNN) step, h' = tanh(x + rec).</summary>
public struct ElmanCell : IPointwiseCell
{
    public static CellInfo Info { get; } = new("Elman", ["g"], ["h"], recurrentState: 0,
        outputStates: [0], initialValues: [0.0]);

    public static void Forward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        Span<T> newState, bool firstStep) where T : unmanaged, IFloatingPointIeee754<T>
        => newState[0] = Tanh(gateInput[0] + gateRecurrent[0]);

    public static void Backward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        bool firstStep, ReadOnlySpan<T> dNewState, Span<T> dGateInput, Span<T> dGateRecurrent, Span<T> dState)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T h = Tanh(gateInput[0] + gateRecurrent[0]);
        T dPre = dNewState[0] * (T.One - h * h);
        dGateInput[0] = dPre;
        dGateRecurrent[0] = dPre;
        dState[0] = T.Zero;
    }
}
