using System.Runtime.CompilerServices;
using FlashRnn.Cuda;

namespace FlashRnn.Bench.Measure;

/// <summary>Uniform random inputs in [-scale, scale], rounded to the storage type (never zeros: they can hide bugs and run faster).</summary>
internal static class RandomValues
{
    /// <summary>
    /// Pool length for large tensors: a prime, so the repeated pool does not line up with any tensor axis. Filling
    /// a 1.6 GB Wx value by value would take seconds per configuration; a pool of a million draws is as good for timing.
    /// </summary>
    internal const int PoolLength = 1_048_573;

    private const int UploadChunk = 1 << 22;

    /// <summary>Fresh values rounded to <typeparamref name="T"/>, with their exact float64 copy for the reference.</summary>
    public static (HostTensor<double> Reference, T[] Storage) Exact<T>(Random random, double scale, params int[] shape) where T : unmanaged
    {
        var reference = new HostTensor<double>(shape);
        var storage = new T[reference.Length];
        Span<double> exact = reference.Span;
        for (int i = 0; i < storage.Length; i++)
        {
            storage[i] = StorageValues.From<T>(scale * (2 * random.NextDouble() - 1));
            exact[i] = StorageValues.ToDouble(storage[i]);
        }
        return (reference, storage);
    }

    /// <summary>
    /// Fills <paramref name="count"/> elements of <paramref name="buffer"/> from <paramref name="byteOffset"/> with a
    /// random pool repeated cyclically, uploading in chunks so no host copy of the whole tensor is needed.
    /// </summary>
    public static void Upload<T>(Random random, double scale, DeviceBuffer buffer, long byteOffset, long count) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var pool = new T[(int)Math.Min(count, PoolLength)];
        for (int i = 0; i < pool.Length; i++) pool[i] = StorageValues.From<T>(scale * (2 * random.NextDouble() - 1));
        var chunk = new T[(int)Math.Min(count, UploadChunk)];
        long poolPosition = 0;
        for (long done = 0; done < count; done += chunk.Length)
        {
            int length = (int)Math.Min(chunk.Length, count - done);
            for (int i = 0; i < length; i++)
            {
                chunk[i] = pool[poolPosition];
                if (++poolPosition == pool.Length) poolPosition = 0;
            }
            buffer.CopyFrom<T>(chunk.AsSpan(0, length), byteOffset + done * Unsafe.SizeOf<T>());
        }
    }
}
