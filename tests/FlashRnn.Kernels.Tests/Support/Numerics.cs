namespace FlashRnn.Kernels.Tests.Support;

/// <summary>Conversions between float64 references and the GPU storage dtypes, and the error measure.</summary>
internal static class Numerics
{
    public static T To<T>(double value) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)(float)value;
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)value;
        if (typeof(T) == typeof(BFloat16)) return (T)(object)(BFloat16)value;
        throw new NotSupportedException(typeof(T).Name);
    }

    public static double ToDouble<T>(T value) where T : unmanaged => value switch
    {
        float f => f,
        Half h => (double)h,
        BFloat16 b => (float)b,
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    /// <summary>Random values in [-scale, scale], rounded to the storage dtype; the float64 copy holds the rounded values.</summary>
    public static (HostTensor<double> Reference, T[] Storage) Random<T>(Random random, double scale, params int[] shape) where T : unmanaged
    {
        var reference = new HostTensor<double>(shape);
        var storage = new T[reference.Length];
        for (int i = 0; i < storage.Length; i++)
        {
            storage[i] = To<T>(scale * (2 * random.NextDouble() - 1));
            reference.Span[i] = ToDouble(storage[i]);
        }
        return (reference, storage);
    }

    /// <summary>Norm-wise relative error ||actual - expected|| / ||expected||; NaN when any element is not finite.</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!double.IsFinite(actual[i])) return double.NaN;
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.Sqrt(diff) / Math.Max(Math.Sqrt(norm), 1e-30);
    }

    public static double[] ToDoubles<T>(DeviceTensor<T> tensor) where T : unmanaged
        => tensor.ToArray().Select(ToDouble).ToArray();
}
