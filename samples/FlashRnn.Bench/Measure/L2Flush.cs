using FlashRnn.Cuda;

namespace FlashRnn.Bench.Measure;

/// <summary>
/// Evicts the L2 cache before each timed call by writing a buffer larger than it, as triton.testing.do_bench (the
/// baseline's timer) does with 256 MB. Without it, a small problem's inputs stay in L2 (50 MB on an H100/H200) from
/// one repetition to the next and the repeats measure the cache.
/// </summary>
internal sealed class L2Flush : IDisposable
{
    /// <summary>The buffer size do_bench uses.</summary>
    public const long Bytes = 256L << 20;

    private readonly DeviceBuffer _buffer = new(Bytes);

    /// <summary>Queues the overwrite on <paramref name="stream"/>.</summary>
    public void Run(CudaStream stream) => _buffer.Clear(stream);

    public void Dispose() => _buffer.Dispose();
}
