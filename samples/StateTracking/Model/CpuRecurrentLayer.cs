using System.Numerics;
using FlashRnn;
using FlashRnn.Cpu;

namespace StateTracking.Model;

/// <summary>
/// The recurrent layer on the CPU reference engine: forward and backward of the generated cell
/// <typeparamref name="TCell"/> through <see cref="CpuReference"/>, on all cores.
/// </summary>
/// <typeparam name="TCell">The generated pointwise cell, such as <c>FlashRnn.Cells.Lstm.Pointwise</c>.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class CpuRecurrentLayer<TCell, T> : IRecurrentLayer<T>
    where TCell : struct, IPointwiseCell
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _recurrent;
    private readonly Parameter<T> _bias;

    /// <summary>
    /// Creates the layer with R drawn from U(-1/√DH, 1/√DH) (PyTorch's recurrent initialisation, per head) and
    /// zero biases (the input projection in front already has one).
    /// </summary>
    /// <param name="heads">Number of heads NH.</param>
    /// <param name="headSize">Units per head DH.</param>
    /// <param name="random">Source of the initial weights.</param>
    public CpuRecurrentLayer(int heads, int headSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(headSize, 1);
        Heads = heads;
        HeadSize = headSize;
        int gates = Cell.GateCount;
        _recurrent = Parameter<T>.Uniform("cell.R", 1 / Math.Sqrt(headSize), random, gates, heads, headSize, headSize);
        _bias = Parameter<T>.Zeros("cell.bias", gates, heads, headSize);
        // The first declared output state (h for LSTM and GRU, y for sLSTM); the recurrent state when none is declared.
        OutputState = Cell.OutputStates.IsDefaultOrEmpty ? Cell.RecurrentState : Cell.OutputStates[0];
    }

    /// <inheritdoc/>
    public CellInfo Cell => TCell.Info;

    /// <inheritdoc/>
    public int Heads { get; }

    /// <inheritdoc/>
    public int HeadSize { get; }

    /// <inheritdoc/>
    public int OutputState { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [_recurrent, _bias];

    /// <inheritdoc/>
    public IRecurrentPass<T> Forward(HostTensor<T> wx)
    {
        ArgumentNullException.ThrowIfNull(wx);
        RnnForwardResult<T> result = CpuReference.Forward<TCell, T>(wx, _recurrent.Value, _bias.Value, initialStates: null);
        return new Pass(wx, result, result.State(OutputState));
    }

    /// <inheritdoc/>
    public HostTensor<T> Backward(IRecurrentPass<T> pass, HostTensor<T> dOutputs)
    {
        if (pass is not Pass cpuPass)
            throw new ArgumentException($"The pass was not made by this {nameof(CpuRecurrentLayer<TCell, T>)}.", nameof(pass));
        ArgumentNullException.ThrowIfNull(dOutputs);
        if (dOutputs.Shape != cpuPass.Outputs.Shape)
            throw new ArgumentException($"dOutputs has shape {dOutputs.Shape}, expected {cpuPass.Outputs.Shape} like the pass's outputs.", nameof(dOutputs));

        // The loss reads only the output state, so its gradient is dOutputs on that state's block of the S axis
        // (S is the leading axis, so the block is contiguous) and zero on the others.
        var dStates = new HostTensor<T>(cpuPass.Result.States.Shape);
        dOutputs.Span.CopyTo(dStates.Span.Slice(OutputState * dOutputs.Length, dOutputs.Length));

        RnnGradients<T> gradients = CpuReference.Backward<TCell, T>(cpuPass.Wx, _recurrent.Value, _bias.Value,
            initialStates: null, cpuPass.Result, dStates, dLast: null);
        _recurrent.AccumulateGradient(gradients.DR);
        _bias.AccumulateGradient(gradients.DBias);
        return gradients.DWx;
    }

    private sealed record Pass(HostTensor<T> Wx, RnnForwardResult<T> Result, HostTensor<T> Outputs) : IRecurrentPass<T>;
}
