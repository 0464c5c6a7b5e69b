namespace StateTracking.Training;

/// <summary>The element type the model trains in.</summary>
internal enum Precision
{
    /// <summary>float: what the GPU kernels compute in (they accumulate in float32), and half the memory.</summary>
    Float32,

    /// <summary>double: for checking gradients against finite differences, where float32's rounding hides errors.</summary>
    Float64,
}
