namespace FlashRnn.Gpu;

/// <summary>Conversions of equation constants to the GPU storage dtypes.</summary>
internal static class HostValues
{
    public static T From<T>(double value) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)(float)value;
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)value;
        if (typeof(T) == typeof(BFloat16)) return (T)(object)(BFloat16)(float)value;
        if (typeof(T) == typeof(double)) return (T)(object)value;
        throw new NotSupportedException($"No conversion from double to {typeof(T).Name}.");
    }
}
