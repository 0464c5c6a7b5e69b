using FlashRnn.Gpu;

namespace FlashRnn;

/// <summary>What a GPU forward pass returns: every state at every step and the last states, on the device.</summary>
/// <typeparam name="T">The storage dtype (float, <see cref="BFloat16"/> or <see cref="Half"/>).</typeparam>
public sealed class DeviceRnnForwardResult<T> : IDisposable where T : unmanaged
{
    internal DeviceRnnForwardResult(DeviceTensor<T> states, DeviceTensor<T> last, DeviceTensor<float>? gates, KernelSelectedEventArgs kernel)
    {
        States = states;
        Last = last;
        Gates = gates;
        Kernel = kernel;
    }

    /// <summary>Every state after every step, <c>[S, B, T, NH, DH]</c>.</summary>
    public DeviceTensor<T> States { get; }

    /// <summary>The states after the last step, <c>[S, B, NH, DH]</c>.</summary>
    public DeviceTensor<T> Last { get; }

    /// <summary>
    /// The gates' recurrent parts <c>[B, T, G, NH, DH]</c> in float32, kept for the backward pass (null when
    /// <see cref="RnnKernelOptions.KeepGatesForBackward"/> was false; the backward then recomputes them).
    /// </summary>
    public DeviceTensor<float>? Gates { get; }

    /// <summary>Which kernel ran and why.</summary>
    public KernelSelectedEventArgs Kernel { get; }

    /// <summary>Frees the device memory of the results.</summary>
    public void Dispose()
    {
        States.Dispose();
        Last.Dispose();
        Gates?.Dispose();
    }
}

/// <summary>What a GPU backward pass returns, on the device.</summary>
/// <typeparam name="T">The storage dtype of the forward pass.</typeparam>
public sealed class DeviceRnnGradients<T> : IDisposable where T : unmanaged
{
    internal DeviceRnnGradients(DeviceTensor<T> dWx, DeviceTensor<float> dR, DeviceTensor<float> dBias, DeviceTensor<T> dInitialStates,
        KernelSelectedEventArgs kernel)
    {
        DWx = dWx;
        DR = dR;
        DBias = dBias;
        DInitialStates = dInitialStates;
        Kernel = kernel;
    }

    /// <summary>Gradient of the gate inputs, <c>[B, T, G, NH, DH]</c>.</summary>
    public DeviceTensor<T> DWx { get; }

    /// <summary>Gradient of the recurrent weights, <c>[G, NH, DH, DH]</c>, in float32 (a sum over B·T terms).</summary>
    public DeviceTensor<float> DR { get; }

    /// <summary>Gradient of the biases, <c>[G, NH, DH]</c>, in float32.</summary>
    public DeviceTensor<float> DBias { get; }

    /// <summary>Gradient of the initial states, <c>[S, B, NH, DH]</c>.</summary>
    public DeviceTensor<T> DInitialStates { get; }

    /// <summary>Which kernel ran and why.</summary>
    public KernelSelectedEventArgs Kernel { get; }

    /// <summary>Frees the device memory of the gradients.</summary>
    public void Dispose()
    {
        DWx.Dispose();
        DR.Dispose();
        DBias.Dispose();
        DInitialStates.Dispose();
    }
}
