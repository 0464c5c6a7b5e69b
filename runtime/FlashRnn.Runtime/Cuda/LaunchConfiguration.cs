namespace FlashRnn.Cuda;

/// <summary>
/// How to launch a kernel: grid and block dimensions, dynamic shared memory, and optionally a thread block cluster
/// (compute capability 9.0+) and a cooperative launch (all blocks co-resident, so grid-wide barriers are safe).
/// The driver validates the numbers; a configuration it rejects becomes a <see cref="CudaException"/> naming it.
/// </summary>
/// <param name="Grid">Blocks in the grid.</param>
/// <param name="Block">Threads in a block.</param>
/// <param name="DynamicSharedMemoryBytes">Dynamic shared memory per block, in bytes. Above 48 KiB the kernel must opt
/// in first with <see cref="CudaKernel.MaxDynamicSharedMemoryBytes"/>.</param>
public readonly record struct LaunchConfiguration(Dim3 Grid, Dim3 Block, int DynamicSharedMemoryBytes = 0)
{
    /// <summary>
    /// Blocks per thread block cluster; <c>default</c> (all zero) launches without clusters. Each grid dimension must
    /// be a multiple of the matching cluster dimension.
    /// </summary>
    public Dim3 Cluster { get; init; }

    /// <summary>Whether to launch cooperatively (the grid must fit on the device at once).</summary>
    public bool Cooperative { get; init; }

    /// <summary>Whether <see cref="Cluster"/> is set.</summary>
    public bool HasCluster => Cluster != default;

    /// <summary>Formats the configuration for messages.</summary>
    public override string ToString()
        => $"grid {Grid}, block {Block}, {DynamicSharedMemoryBytes} bytes of dynamic shared memory"
           + (HasCluster ? $", cluster {Cluster}" : "") + (Cooperative ? ", cooperative" : "");

    /// <summary>Throws for values the driver cannot even represent (non-positive dimensions, negative sizes).</summary>
    internal void Validate()
    {
        Grid.ThrowIfNotPositive(nameof(Grid), "grid");
        Block.ThrowIfNotPositive(nameof(Block), "block");
        if (HasCluster) Cluster.ThrowIfNotPositive(nameof(Cluster), "cluster");
        if (DynamicSharedMemoryBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(DynamicSharedMemoryBytes), DynamicSharedMemoryBytes,
                "Dynamic shared memory cannot be negative.");
    }
}
