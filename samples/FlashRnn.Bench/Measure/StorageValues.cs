namespace FlashRnn.Bench.Measure;

/// <summary>Conversions between float64 and the GPU storage types float, <see cref="BFloat16"/> and <see cref="Half"/>.</summary>
internal static class StorageValues
{
    /// <summary><paramref name="value"/> rounded to <typeparamref name="T"/>.</summary>
    public static T From<T>(double value) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)(float)value;
        if (typeof(T) == typeof(BFloat16)) return (T)(object)(BFloat16)value;
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)value;
        throw Unsupported<T>();
    }

    /// <summary>The exact float64 value of a stored element.</summary>
    public static double ToDouble<T>(T value) where T : unmanaged => value switch
    {
        float f => f,
        BFloat16 b => (float)b,
        Half h => (double)h,
        _ => throw Unsupported<T>(),
    };

    /// <summary>A device tensor's elements as float64.</summary>
    public static double[] ToDoubles<T>(DeviceTensor<T> tensor) where T : unmanaged
    {
        T[] values = tensor.ToArray();
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = ToDouble(values[i]);
        return result;
    }

    private static NotSupportedException Unsupported<T>()
        => new($"The GPU stores float, BFloat16 or Half, not {typeof(T).Name}.");
}
