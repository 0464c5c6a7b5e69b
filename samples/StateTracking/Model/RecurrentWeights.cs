using System.Numerics;
using FlashRnn;

namespace StateTracking.Model;

/// <summary>
/// The trainable weights of a recurrent layer, R <c>[G, NH, DH, DH]</c> and b <c>[G, NH, DH]</c>, and the state the
/// layer outputs. The CPU and the GPU layer both take their weights from here, so the same seed gives both the same
/// initial model.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class RecurrentWeights<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Draws R from U(-1/√DH, 1/√DH) (PyTorch's recurrent initialisation, per head) and sets the biases to zero (the
    /// input projection in front already has one).
    /// </summary>
    /// <param name="cell">The cell the weights belong to.</param>
    /// <param name="heads">Number of heads NH.</param>
    /// <param name="headSize">Units per head DH.</param>
    /// <param name="random">Source of the initial weights.</param>
    public RecurrentWeights(CellInfo cell, int heads, int headSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(headSize, 1);
        ArgumentNullException.ThrowIfNull(random);
        Heads = heads;
        HeadSize = headSize;
        Recurrent = Parameter<T>.Uniform("cell.R", 1 / Math.Sqrt(headSize), random, cell.GateCount, heads, headSize, headSize);
        Bias = Parameter<T>.Zeros("cell.bias", cell.GateCount, heads, headSize);
        // The first declared output state (h for LSTM and GRU, y for sLSTM); the recurrent state when none is declared.
        OutputState = cell.OutputStates.IsDefaultOrEmpty ? cell.RecurrentState : cell.OutputStates[0];
    }

    /// <summary>Number of heads NH.</summary>
    public int Heads { get; }

    /// <summary>Units per head DH.</summary>
    public int HeadSize { get; }

    /// <summary>R, <c>[G, NH, DH, DH]</c>.</summary>
    public Parameter<T> Recurrent { get; }

    /// <summary>b, <c>[G, NH, DH]</c>.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>Index of the state the layer outputs, on the cell's S axis.</summary>
    public int OutputState { get; }

    /// <summary>R and b, in that order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [Recurrent, Bias];

    /// <summary>
    /// The gradient of every state at every step <c>[S, B, T, NH, DH]</c> when the loss reads only the output state:
    /// <paramref name="dOutputs"/> on that state's block of the S axis (S is the leading axis, so the block is
    /// contiguous) and zero on the others.
    /// </summary>
    /// <param name="dOutputs">Gradient of the output state, <c>[B, T, NH, DH]</c>.</param>
    /// <param name="statesShape">Shape of the forward pass's states, <c>[S, B, T, NH, DH]</c>.</param>
    public HostTensor<T> StateGradients(HostTensor<T> dOutputs, TensorShape statesShape)
    {
        ArgumentNullException.ThrowIfNull(dOutputs);
        var dStates = new HostTensor<T>(statesShape);
        dOutputs.Span.CopyTo(dStates.Span.Slice(OutputState * dOutputs.Length, dOutputs.Length));
        return dStates;
    }

    /// <summary>The output state's block of every state at every step: <c>[S, B, T, NH, DH]</c> → <c>[B, T, NH, DH]</c>.</summary>
    /// <param name="states">Every state at every step.</param>
    public HostTensor<T> OutputsOf(HostTensor<T> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var outputs = new HostTensor<T>(states.Shape[1], states.Shape[2], states.Shape[3], states.Shape[4]);
        states.Span.Slice(OutputState * outputs.Length, outputs.Length).CopyTo(outputs.Span);
        return outputs;
    }
}
