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
    private readonly RecurrentWeights<T> _weights;

    /// <summary>Creates the layer with the initial weights of <see cref="RecurrentWeights{T}"/>.</summary>
    /// <param name="heads">Number of heads NH.</param>
    /// <param name="headSize">Units per head DH.</param>
    /// <param name="random">Source of the initial weights.</param>
    public CpuRecurrentLayer(int heads, int headSize, Random random)
        => _weights = new RecurrentWeights<T>(TCell.Info, heads, headSize, random);

    /// <inheritdoc/>
    public CellInfo Cell => TCell.Info;

    /// <inheritdoc/>
    public string Engine => "CPU reference (FlashRnn.Cpu.CpuReference)";

    /// <inheritdoc/>
    public int Heads => _weights.Heads;

    /// <inheritdoc/>
    public int HeadSize => _weights.HeadSize;

    /// <inheritdoc/>
    public int OutputState => _weights.OutputState;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _weights.Parameters;

    /// <inheritdoc/>
    public IRecurrentPass<T> Forward(HostTensor<T> wx)
    {
        ArgumentNullException.ThrowIfNull(wx);
        RnnForwardResult<T> result = CpuReference.Forward<TCell, T>(wx, _weights.Recurrent.Value, _weights.Bias.Value, initialStates: null);
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

        HostTensor<T> dStates = _weights.StateGradients(dOutputs, cpuPass.Result.States.Shape);
        RnnGradients<T> gradients = CpuReference.Backward<TCell, T>(cpuPass.Wx, _weights.Recurrent.Value, _weights.Bias.Value,
            initialStates: null, cpuPass.Result, dStates, dLast: null);
        _weights.Recurrent.AccumulateGradient(gradients.DR);
        _weights.Bias.AccumulateGradient(gradients.DBias);
        return gradients.DWx;
    }

    private sealed record Pass(HostTensor<T> Wx, RnnForwardResult<T> Result, HostTensor<T> Outputs) : IRecurrentPass<T>
    {
        // Host memory only; the garbage collector frees it.
        public void Dispose() { }
    }
}
