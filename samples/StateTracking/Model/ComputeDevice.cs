namespace StateTracking.Model;

/// <summary>Where the recurrent layer runs, once <c>--device</c> has been resolved.</summary>
internal enum ComputeDevice
{
    /// <summary><see cref="CpuRecurrentLayer{TCell, T}"/>.</summary>
    Cpu,

    /// <summary><see cref="GpuRecurrentLayer"/>.</summary>
    Gpu,
}

/// <summary>The resolved device and why it was chosen, for the console and <c>run.json</c>.</summary>
/// <param name="Device">Where the recurrent layer runs.</param>
/// <param name="Reason">Why, in words, such as "--device auto and a CUDA GPU is available".</param>
internal sealed record DeviceSelection(ComputeDevice Device, string Reason);
