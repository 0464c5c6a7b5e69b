using FlashRnn.Bench.Sweep;
using FlashRnn.Gpu;

namespace FlashRnn.Bench.Measure;

/// <summary>
/// One call of what a configuration measures: the forward pass, or the forward and the backward pass. The results
/// are the runtime's own newly allocated tensors (the API allocates its outputs), disposed by the caller outside the
/// timed region.
/// </summary>
internal sealed class GpuCall<T> : IDisposable where T : unmanaged
{
    private GpuCall(DeviceRnnForwardResult<T> forward, DeviceRnnGradients<T>? gradients)
    {
        Forward = forward;
        Gradients = gradients;
    }

    public DeviceRnnForwardResult<T> Forward { get; }

    public DeviceRnnGradients<T>? Gradients { get; }

    /// <summary>
    /// The options of a configuration's calls: fw keeps no gates (inference); fwbw keeps them for the backward pass,
    /// as training does.
    /// </summary>
    public static RnnKernelOptions Options(BenchCase c, Cuda.CudaStream stream)
        => new()
        {
            Kernel = c.Kernel, Stream = stream, KeepGatesForBackward = c.Mode == BenchMode.ForwardBackward,
            Float32Products = c.DType.Products,
        };

    /// <summary>Queues the call on the options' stream (does not wait for it).</summary>
    public static GpuCall<T> Run(BenchCase c, CaseInputs<T> inputs, RnnKernelOptions options)
    {
        GpuCell cell = c.Cell.Gpu;
        DeviceRnnForwardResult<T> forward = GpuRecurrence.Forward(cell, inputs.Wx, inputs.R, inputs.Bias, inputs.Initial, options);
        if (c.Mode == BenchMode.Forward) return new GpuCall<T>(forward, null);
        try
        {
            DeviceRnnGradients<T> gradients = GpuRecurrence.Backward(cell, inputs.Wx, inputs.R, inputs.Bias, inputs.Initial, forward,
                inputs.DStates, dLast: null, options);
            return new GpuCall<T>(forward, gradients);
        }
        catch
        {
            forward.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Gradients?.Dispose();
        Forward.Dispose();
    }
}
