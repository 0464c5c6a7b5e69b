using FlashRnn;
using FlashRnn.Cuda;
using FlashRnn.Gpu;

namespace StateTracking.Model;

/// <summary>
/// The recurrent layer on the GPU: forward and backward of a generated cell's kernels (<see cref="GpuCell"/>, such
/// as <c>FlashRnn.Cells.Lstm.Gpu</c>) through <see cref="GpuRecurrence"/>, in float32 storage on the default CUDA
/// device (<see cref="CudaContext.Default"/>).
/// </summary>
/// <remarks>
/// The weights live on the host, where the sample's Adam step updates them, and are uploaded with <c>Wx</c> on every
/// forward pass: for this model that is a few kilobytes, far less than one launch costs, and it keeps a single copy
/// of the weights that can never go stale. The pass keeps the device inputs and the forward result for the backward
/// pass, which downloads dWx, dR and db into host tensors.
/// </remarks>
internal sealed class GpuRecurrentLayer : IRecurrentLayer<float>
{
    private readonly GpuCell _cell;
    private readonly RecurrentWeights<float> _weights;

    /// <summary>Creates the layer with the initial weights of <see cref="RecurrentWeights{T}"/>.</summary>
    /// <param name="cell">The generated cell's GPU kernels.</param>
    /// <param name="heads">Number of heads NH.</param>
    /// <param name="headSize">Units per head DH.</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <exception cref="InvalidOperationException">No CUDA device can be used.</exception>
    public GpuRecurrentLayer(GpuCell cell, int heads, int headSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (CudaDevice.UnavailableReason is string problem)
            throw new InvalidOperationException($"The GPU recurrent layer needs a CUDA device: {problem}");
        _cell = cell;
        _weights = new RecurrentWeights<float>(cell.Info, heads, headSize, random);
        CudaDevice device = CudaContext.Default.Device;
        Engine = $"GPU {device.Name} (device {device.Ordinal}, FlashRnn.Gpu.GpuRecurrence, float32 storage)";
    }

    /// <inheritdoc/>
    public CellInfo Cell => _cell.Info;

    /// <inheritdoc/>
    public string Engine { get; }

    /// <inheritdoc/>
    public int Heads => _weights.Heads;

    /// <inheritdoc/>
    public int HeadSize => _weights.HeadSize;

    /// <inheritdoc/>
    public int OutputState => _weights.OutputState;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<float>> Parameters => _weights.Parameters;

    /// <inheritdoc/>
    public IRecurrentPass<float> Forward(HostTensor<float> wx)
    {
        ArgumentNullException.ThrowIfNull(wx);
        DeviceTensor<float>? wxOnDevice = null, r = null, bias = null;
        DeviceRnnForwardResult<float>? result = null;
        try
        {
            wxOnDevice = DeviceTensor<float>.FromHost(wx);
            r = DeviceTensor<float>.FromHost(_weights.Recurrent.Value);
            bias = DeviceTensor<float>.FromHost(_weights.Bias.Value);
            result = GpuRecurrence.Forward(_cell, wxOnDevice, r, bias, initialStates: null);
            HostTensor<float> outputs = _weights.OutputsOf(result.States.ToHost());
            return new Pass(wxOnDevice, r, bias, result, outputs);
        }
        catch
        {
            result?.Dispose();
            bias?.Dispose();
            r?.Dispose();
            wxOnDevice?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public HostTensor<float> Backward(IRecurrentPass<float> pass, HostTensor<float> dOutputs)
    {
        if (pass is not Pass gpuPass)
            throw new ArgumentException($"The pass was not made by this {nameof(GpuRecurrentLayer)}.", nameof(pass));
        ObjectDisposedException.ThrowIf(gpuPass.IsDisposed, pass);
        ArgumentNullException.ThrowIfNull(dOutputs);
        if (dOutputs.Shape != gpuPass.Outputs.Shape)
            throw new ArgumentException($"dOutputs has shape {dOutputs.Shape}, expected {gpuPass.Outputs.Shape} like the pass's outputs.", nameof(dOutputs));

        using var dStates = DeviceTensor<float>.FromHost(_weights.StateGradients(dOutputs, gpuPass.Result.States.Shape));
        using DeviceRnnGradients<float> gradients = GpuRecurrence.Backward(_cell, gpuPass.Wx, gpuPass.R, gpuPass.Bias,
            initialStates: null, gpuPass.Result, dStates, dLast: null);
        _weights.Recurrent.AccumulateGradient(gradients.DR.ToHost());
        _weights.Bias.AccumulateGradient(gradients.DBias.ToHost());
        return gradients.DWx.ToHost();
    }

    /// <summary>The device inputs of a forward pass and its result, which the backward pass reads.</summary>
    private sealed class Pass(DeviceTensor<float> wx, DeviceTensor<float> r, DeviceTensor<float> bias,
        DeviceRnnForwardResult<float> result, HostTensor<float> outputs) : IRecurrentPass<float>
    {
        public DeviceTensor<float> Wx { get; } = wx;

        public DeviceTensor<float> R { get; } = r;

        public DeviceTensor<float> Bias { get; } = bias;

        public DeviceRnnForwardResult<float> Result { get; } = result;

        public HostTensor<float> Outputs { get; } = outputs;

        public bool IsDisposed { get; private set; }

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            Result.Dispose();
            Bias.Dispose();
            R.Dispose();
            Wx.Dispose();
        }
    }
}
