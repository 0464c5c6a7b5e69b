using System.Numerics;
using FlashRnn.Cpu;
using static FlashRnn.Cpu.CellMath;

namespace FlashRnn.Cpu.Tests.Fixtures;

/// <summary>
/// TEST FIXTURE, written by hand: xLSTM's sLSTM step as FlashRNN publishes it. Gates i f z o, states y c n m
/// (y feeds the recurrence; m is the stabiliser of the exponential gates):
/// a = logsigmoid(f) + m; m' = max(i, a), except m' = i while n is zero (the first step from zero states);
/// i' = exp(i − m'), f' = exp(a − m'); c' = f'·c + i'·tanh(z); n' = max(f'·n + i', 1); y' = σ(o)·c'/n'.
/// The zero test is per unit: n ≥ 1 after any step, so it can only hold on the first step.
/// </summary>
public struct SlstmCell : IPointwiseCell
{
    private const int I = 0, F = 1, Z = 2, O = 3;
    private const int Y = 0, C = 1, N = 2, M = 3;

    public static CellInfo Info { get; } = new("Slstm", ["i", "f", "z", "o"], ["y", "c", "n", "m"],
        recurrentState: Y, outputStates: [Y], initialValues: [0.0, 0.0, 0.0, 0.0]);

    public static void Forward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        Span<T> newState, bool firstStep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T i = gateInput[I] + gateRecurrent[I];
        T f = gateInput[F] + gateRecurrent[F];
        T z = Tanh(gateInput[Z] + gateRecurrent[Z]);
        T o = Sigmoid(gateInput[O] + gateRecurrent[O]);
        T a = LogSigmoid(f) + state[M];
        T m = state[N] == T.Zero ? i : Max(i, a);
        T iGate = Exp(i - m), fGate = Exp(a - m);
        T c = fGate * state[C] + iGate * z;
        T n = Max(fGate * state[N] + iGate, T.One);
        newState[Y] = o * c / n;
        newState[C] = c;
        newState[N] = n;
        newState[M] = m;
    }

    public static void Backward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        bool firstStep, ReadOnlySpan<T> dNewState, Span<T> dGateInput, Span<T> dGateRecurrent, Span<T> dState)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One;
        // Recompute the forward step.
        T i = gateInput[I] + gateRecurrent[I];
        T f = gateInput[F] + gateRecurrent[F];
        T z = Tanh(gateInput[Z] + gateRecurrent[Z]);
        T o = Sigmoid(gateInput[O] + gateRecurrent[O]);
        T a = LogSigmoid(f) + state[M];
        bool zeroStart = state[N] == T.Zero;
        T m = zeroStart ? i : Max(i, a);
        T iGate = Exp(i - m), fGate = Exp(a - m);
        T c = fGate * state[C] + iGate * z;
        T u = fGate * state[N] + iGate;
        T n = Max(u, one);

        // y' = o·c'/n'
        T dc = dNewState[C] + dNewState[Y] * o / n;
        T dn = dNewState[N] - dNewState[Y] * o * c / (n * n);
        T dPreO = dNewState[Y] * c / n * o * (one - o);
        // n' = max(u, 1): CellMath.Max takes u when u == 1, so the gradient follows u then.
        T du = u >= one ? dn : T.Zero;
        // c' = f'·c + i'·tanh(z), u = f'·n + i'
        T dFGate = dc * state[C] + du * state[N];
        T dIGate = dc * z + du;
        T dPreZ = dc * iGate * (one - z * z);
        // i' = exp(i − m'), f' = exp(a − m')
        T dI = dIGate * iGate;
        T dA = dFGate * fGate;
        T dM = dNewState[M] - dI - dA;
        // m' = i (zero start or i ≥ a) or a
        if (zeroStart || i >= a) dI += dM;
        else dA += dM;
        // a = logsigmoid(f) + m, d logsigmoid(f)/df = 1 − σ(f)
        T dPreF = dA * (one - Sigmoid(f));

        dGateInput[I] = dI;
        dGateInput[F] = dPreF;
        dGateInput[Z] = dPreZ;
        dGateInput[O] = dPreO;
        dGateInput.CopyTo(dGateRecurrent);
        dState[Y] = T.Zero;
        dState[C] = dc * fGate;
        dState[N] = du * fGate;
        dState[M] = dA;
    }
}
