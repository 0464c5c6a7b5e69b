using FlashRnn.Cpu;
using FlashRnn.Cuda;

namespace FlashRnn.Gpu;

/// <summary>
/// The launch facts a fused kernel module carries (<c>frg_fused_*_launch[7]</c>, see templates/README.md): threads,
/// dynamic shared memory, CTAs per head, batch tile, cluster size, cooperative flag, exchange bytes per batch tile.
/// Read from the compiled module, so the host never recomputes the template's formulas.
/// </summary>
internal readonly record struct FusedLaunch(int Threads, int SharedMemoryBytes, int CtasPerHead, int BatchTile, int ClusterSize,
    bool Cooperative, int ExchangeBytesPerBatchTile)
{
    private const int DefaultSharedMemoryLimit = 48 * 1024;

    /// <summary>Reads the facts compiled into the kernel's module (once per module, see <see cref="ModuleFacts"/>).</summary>
    public static FusedLaunch Read(CudaKernel kernel, string entryPoint)
    {
        int[] facts = ModuleFacts.ReadInt32s(kernel.Module, entryPoint + "_launch", 7);
        return new FusedLaunch(facts[0], facts[1], facts[2], facts[3], facts[4], facts[5] != 0, facts[6]);
    }

    /// <summary>Sets the kernel attributes the launch needs (large dynamic shared memory, clusters above 8).</summary>
    public void Prepare(CudaKernel kernel)
    {
        if (SharedMemoryBytes > DefaultSharedMemoryLimit && kernel.MaxDynamicSharedMemoryBytes < SharedMemoryBytes)
            kernel.MaxDynamicSharedMemoryBytes = SharedMemoryBytes;
        if (ClusterSize > 8 && !kernel.NonPortableClusterSizeAllowed)
            kernel.NonPortableClusterSizeAllowed = true;
    }

    public int BatchTiles(RnnDims dims) => GpuRecurrence.CeilDiv(dims.Batch, BatchTile);

    public LaunchConfiguration Configuration(RnnDims dims) => new(
        new Dim3(CtasPerHead, BatchTiles(dims), dims.Heads), Threads, SharedMemoryBytes)
    {
        Cluster = ClusterSize > 1 ? new Dim3(ClusterSize) : default,
        Cooperative = Cooperative,
    };
}

/// <summary>The global-exchange buffer of a fused launch (a null pointer when the plan does not use one).</summary>
internal sealed class FusedWorkspace : IDisposable
{
    private readonly DeviceBuffer? _exchange;

    private FusedWorkspace(DeviceBuffer? exchange) => _exchange = exchange;

    public ulong Exchange => _exchange?.DevicePointer ?? 0;

    public static FusedWorkspace Allocate(FusedLaunch launch, RnnDims dims, CudaContext context, CudaStream? stream)
    {
        if (!launch.Cooperative) return new FusedWorkspace(null);
        var exchange = DeviceBuffer.AllocatePooled((long)launch.ExchangeBytesPerBatchTile * launch.BatchTiles(dims), context, stream);
        // Both directions exchange tagged words, and a word may carry no tag of this launch's steps before its
        // producer writes it, which zero guarantees (templates/frg_fused.cuh: TaggedExchange, TaggedPartials).
        exchange.Clear(stream);
        return new FusedWorkspace(exchange);
    }

    public void Dispose() => _exchange?.Dispose();
}
