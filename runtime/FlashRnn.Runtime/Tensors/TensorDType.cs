namespace FlashRnn;

/// <summary>Element types a <see cref="DeviceTensor{T}"/> can hold, named as the kernels and the CUDA sources name them.</summary>
public enum TensorDType
{
    /// <summary>IEEE binary32 (<see cref="float"/>, CUDA <c>float</c>).</summary>
    Float32,
    /// <summary>bfloat16 (<see cref="BFloat16"/>, CUDA <c>__nv_bfloat16</c>).</summary>
    BFloat16,
    /// <summary>IEEE binary16 (<see cref="Half"/>, CUDA <c>__half</c>).</summary>
    Float16,
    /// <summary>IEEE binary64 (<see cref="double"/>, CUDA <c>double</c>).</summary>
    Float64,
    /// <summary>32-bit signed integer (<see cref="int"/>), for indices, counters and flags.</summary>
    Int32,
}

/// <summary>Maps .NET element types to <see cref="TensorDType"/>.</summary>
public static class TensorDTypes
{
    /// <summary>The dtype of <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public static TensorDType Of<T>() where T : unmanaged => TryOf<T>() ?? throw new NotSupportedException(
        $"{typeof(T).Name} is not a supported tensor element type; use float, BFloat16, Half, double or int.");

    /// <summary>The dtype of <typeparamref name="T"/>, or <see langword="null"/> when it is not supported.</summary>
    public static TensorDType? TryOf<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return TensorDType.Float32;
        if (typeof(T) == typeof(BFloat16)) return TensorDType.BFloat16;
        if (typeof(T) == typeof(Half)) return TensorDType.Float16;
        if (typeof(T) == typeof(double)) return TensorDType.Float64;
        if (typeof(T) == typeof(int)) return TensorDType.Int32;
        return null;
    }

    /// <summary>Bytes per element.</summary>
    public static int SizeOf(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 or TensorDType.Int32 => 4,
        TensorDType.BFloat16 or TensorDType.Float16 => 2,
        TensorDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>The tensor dtype matching a cell's storage dtype.</summary>
    public static TensorDType ToTensorDType(this RnnDType dtype) => dtype switch
    {
        RnnDType.Float32 => TensorDType.Float32,
        RnnDType.BFloat16 => TensorDType.BFloat16,
        RnnDType.Float16 => TensorDType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown cell dtype."),
    };
}
