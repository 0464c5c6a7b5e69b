using System.Runtime.InteropServices;

namespace FlashRnn.Cpu.Tests.Support;

/// <summary>Test helpers for building and comparing host tensors.</summary>
public static class Tensors
{
    public static HostTensor<double> Uniform(Random rng, double low, double high, params int[] shape)
    {
        var tensor = new HostTensor<double>(shape);
        for (int i = 0; i < tensor.Length; i++) tensor.Span[i] = low + (high - low) * rng.NextDouble();
        return tensor;
    }

    public static HostTensor<double> Uniform(Random rng, double low, double high, TensorShape shape)
        => Uniform(rng, low, high, shape.Dims.ToArray());

    public static HostTensor<float> ToSingle(HostTensor<double> tensor)
        => new(tensor.Array.Select(v => (float)v).ToArray(), tensor.Shape.Dims.ToArray());

    public static HostTensor<float>? ToSingleOrNull(HostTensor<double>? tensor)
        => tensor is null ? null : ToSingle(tensor);

    public static double Dot(HostTensor<double> a, HostTensor<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a.Array[i] * b.Array[i];
        return sum;
    }

    public static double Norm(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>‖expected − actual‖ / max(‖expected‖, ‖actual‖), 0 when both are zero.</summary>
    public static double RelativeError(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        double diff = 0;
        for (int i = 0; i < expected.Length; i++) diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
        double scale = Math.Max(Norm(expected), Norm(actual));
        return scale == 0 ? 0 : Math.Sqrt(diff) / scale;
    }

    public static double RelativeError(HostTensor<double> expected, HostTensor<float> actual)
        => RelativeError(expected.Array, actual.Array.Select(v => (double)v).ToArray());

    /// <summary>Bitwise equality of the elements (what determinism means here).</summary>
    public static bool BitwiseEqual<T>(HostTensor<T> a, HostTensor<T> b) where T : unmanaged
        => a.Shape == b.Shape && MemoryMarshal.AsBytes(a.Span).SequenceEqual(MemoryMarshal.AsBytes(b.Span));

    /// <summary>Asserts |expected − actual| ≤ tolerance for every element, naming the first element that is not.</summary>
    public static void AssertElementsClose(HostTensor<double> expected, HostTensor<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected.Array[i] - actual.Array[i]);
            Assert.True(error <= tolerance,
                $"{what}: element {i} is {actual.Array[i]:R}, expected {expected.Array[i]:R} (error {error:E2} > {tolerance:E0}).");
        }
    }
}
