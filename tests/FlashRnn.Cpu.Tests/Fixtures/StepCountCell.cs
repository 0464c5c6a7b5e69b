using System.Numerics;
using FlashRnn.Cpu;

namespace FlashRnn.Cpu.Tests.Fixtures;

/// <summary>
/// TEST FIXTURE: a probe for the engine's <c>firstStep</c> flag. Its one state counts steps and restarts from
/// zero whenever <c>firstStep</c> is set: count' = (firstStep ? 0 : count) + 1. So the states over time read
/// 1, 2, 3, ... exactly when the flag is true at step 0 and only there, whatever the initial states are.
/// </summary>
public struct StepCountCell : IPointwiseCell
{
    public static CellInfo Info { get; } = new("StepCount", ["unused"], ["count"], recurrentState: 0,
        outputStates: [0], initialValues: [7.0]);

    public static void Forward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        Span<T> newState, bool firstStep) where T : unmanaged, IFloatingPointIeee754<T>
        => newState[0] = (firstStep ? T.Zero : state[0]) + T.One;

    public static void Backward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        bool firstStep, ReadOnlySpan<T> dNewState, Span<T> dGateInput, Span<T> dGateRecurrent, Span<T> dState)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dGateInput[0] = T.Zero;
        dGateRecurrent[0] = T.Zero;
        dState[0] = firstStep ? T.Zero : dNewState[0];
    }
}
