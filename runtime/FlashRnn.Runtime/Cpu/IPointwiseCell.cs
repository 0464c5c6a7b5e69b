using System.Numerics;

namespace FlashRnn.Cpu;

/// <summary>
/// The pointwise part of a cell for one unit of one head at one time step, generated from its equations: the
/// forward update of every state, and its derived reverse-mode derivative. The CPU reference engine
/// (<c>CpuReference</c>) does the recurrent matrix product and the loops around it.
/// </summary>
/// <remarks>
/// For gate <c>g</c>, <c>gateInput[g]</c> is the unit's element of <c>Wx</c> and <c>gateRecurrent[g]</c> is
/// <c>(R_g · s_rec(t-1))[unit] + b_g[unit]</c>; the gate's pre-activation is their sum.
/// </remarks>
public interface IPointwiseCell
{
    /// <summary>The cell's gates, states and defaults.</summary>
    static abstract CellInfo Info { get; }

    /// <summary>Computes the new states of one unit from its gate parts and its previous states.</summary>
    /// <param name="gateInput">G input parts.</param>
    /// <param name="gateRecurrent">G recurrent parts (including the bias).</param>
    /// <param name="state">S previous states.</param>
    /// <param name="newState">S new states (written).</param>
    /// <param name="firstStep">True at the first time step of the sequence.</param>
    static abstract void Forward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        Span<T> newState, bool firstStep) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The vector-Jacobian product of <see cref="Forward{T}"/>: given the gradient of the loss with respect to the
    /// new states, writes the gradients with respect to the gate parts and (directly) the previous states.
    /// </summary>
    /// <param name="gateInput">G input parts, as in the forward step.</param>
    /// <param name="gateRecurrent">G recurrent parts, as in the forward step.</param>
    /// <param name="state">S previous states, as in the forward step.</param>
    /// <param name="firstStep">As in the forward step.</param>
    /// <param name="dNewState">S gradients with respect to the new states.</param>
    /// <param name="dGateInput">G gradients with respect to the input parts (written).</param>
    /// <param name="dGateRecurrent">G gradients with respect to the recurrent parts (written).</param>
    /// <param name="dState">S gradients with respect to the previous states through this step's equations (written).</param>
    static abstract void Backward<T>(ReadOnlySpan<T> gateInput, ReadOnlySpan<T> gateRecurrent, ReadOnlySpan<T> state,
        bool firstStep, ReadOnlySpan<T> dNewState, Span<T> dGateInput, Span<T> dGateRecurrent, Span<T> dState)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
