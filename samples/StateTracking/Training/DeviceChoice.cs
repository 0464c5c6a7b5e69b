namespace StateTracking.Training;

/// <summary>Where the user asks the recurrent layer to run (<c>--device</c>).</summary>
internal enum DeviceChoice
{
    /// <summary>The GPU when a CUDA device can be used and the precision is one the GPU kernels store, else the CPU.</summary>
    Auto,

    /// <summary>The CPU reference engine.</summary>
    Cpu,

    /// <summary>The generated GPU kernels; an error when no CUDA device can be used.</summary>
    Gpu,
}
