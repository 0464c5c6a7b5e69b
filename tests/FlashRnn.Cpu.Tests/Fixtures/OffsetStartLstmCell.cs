using System.Numerics;
using FlashRnn.Cpu;

namespace FlashRnn.Cpu.Tests.Fixtures;

/// <summary>
/// TEST FIXTURE: the LSTM of <see cref="LstmCell"/> with non-zero default initial values (h = 0.25, c = −0.5), so
/// that tests can tell "initial values broadcast" apart from "zeros".
/// </summary>
public struct OffsetStartLstmCell : IPointwiseCell
{
    public static CellInfo Info { get; } = new("OffsetStartLstm", LstmCell.Info.Gates, LstmCell.Info.States,
        recurrentState: 0, outputStates: [0], initialValues: [0.25, -0.5]);

    public static void Forward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        Span<T> newState, bool firstStep) where T : unmanaged, IFloatingPointIeee754<T>
        => LstmCell.Forward(gateInput, gateRecurrent, state, newState, firstStep);

    public static void Backward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        bool firstStep, ReadOnlySpan<T> dNewState, Span<T> dGateInput, Span<T> dGateRecurrent, Span<T> dState)
        where T : unmanaged, IFloatingPointIeee754<T>
        => LstmCell.Backward(gateInput, gateRecurrent, state, firstStep, dNewState, dGateInput, dGateRecurrent, dState);
}
