using System.Numerics;
using FlashRnn.Cpu;
using static FlashRnn.Cpu.CellMath;

namespace FlashRnn.Cpu.Tests.Fixtures;

/// <summary>
/// TEST FIXTURE, written by hand: PyTorch's GRU step with gates r z n and state h. The gate inputs carry
/// W_i· x + b_i· and the recurrent parts W_h· h + b_h·, so n can scale only its recurrent part by r:
/// r = σ(x_r + rec_r), z = σ(x_z + rec_z), n = tanh(x_n + r·rec_n), h' = (1 − z)·n + z·h.
/// </summary>
public struct GruCell : IPointwiseCell
{
    private const int R = 0, Z = 1, N = 2;

    public static CellInfo Info { get; } = new("Gru", ["r", "z", "n"], ["h"], recurrentState: 0,
        outputStates: [0], initialValues: [0.0]);

    public static void Forward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        Span<T> newState, bool firstStep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T r = Sigmoid(gateInput[R] + gateRecurrent[R]);
        T z = Sigmoid(gateInput[Z] + gateRecurrent[Z]);
        T n = Tanh(gateInput[N] + r * gateRecurrent[N]);
        newState[0] = (T.One - z) * n + z * state[0];
    }

    public static void Backward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        bool firstStep, ReadOnlySpan<T> dNewState, Span<T> dGateInput, Span<T> dGateRecurrent, Span<T> dState)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One;
        T r = Sigmoid(gateInput[R] + gateRecurrent[R]);
        T z = Sigmoid(gateInput[Z] + gateRecurrent[Z]);
        T n = Tanh(gateInput[N] + r * gateRecurrent[N]);
        T dh = dNewState[0];

        T dPreN = dh * (one - z) * (one - n * n);
        T dPreZ = dh * (state[0] - n) * z * (one - z);
        T dPreR = dPreN * gateRecurrent[N] * r * (one - r);

        dGateInput[R] = dPreR;
        dGateInput[Z] = dPreZ;
        dGateInput[N] = dPreN;
        dGateRecurrent[R] = dPreR;
        dGateRecurrent[Z] = dPreZ;
        dGateRecurrent[N] = dPreN * r; // the recurrent part of n is scaled by r
        dState[0] = dh * z;
    }
}
