using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// A kernel (<c>CUfunction</c>) of a loaded <see cref="CudaModule"/>: its compiled resource use, the attributes a
/// launch may need to raise (dynamic shared memory above 48 KiB, non-portable cluster sizes), occupancy queries for
/// the planner, and the launches themselves (see <c>CudaKernel.Launch.cs</c>).
/// </summary>
public sealed partial class CudaKernel
{
    private readonly nint _handle;

    internal CudaKernel(CudaModule module, string name, nint handle)
    {
        Module = module;
        Name = name;
        _handle = handle;
    }

    /// <summary>The kernel's name in the module.</summary>
    public string Name { get; }

    /// <summary>The module it belongs to.</summary>
    public CudaModule Module { get; }

    /// <summary>The context it runs in.</summary>
    public CudaContext Context => Module.Context;

    /// <summary>The most threads per block this kernel can be launched with (limited by its register use).</summary>
    public int MaxThreadsPerBlock => Get(FunctionAttribute.MaxThreadsPerBlock);

    /// <summary>Registers per thread.</summary>
    public int RegistersPerThread => Get(FunctionAttribute.NumRegs);

    /// <summary>Statically declared shared memory per block, in bytes.</summary>
    public int StaticSharedMemoryBytes => Get(FunctionAttribute.SharedSizeBytes);

    /// <summary>Local memory (register spills, stack) per thread, in bytes.</summary>
    public int LocalMemoryBytes => Get(FunctionAttribute.LocalSizeBytes);

    /// <summary>The PTX version the kernel was compiled from, times ten (for example 78 for PTX ISA 7.8).</summary>
    public int PtxVersion => Get(FunctionAttribute.PtxVersion);

    /// <summary>The architecture of the binary the driver runs, times ten (for example 90).</summary>
    public int BinaryVersion => Get(FunctionAttribute.BinaryVersion);

    /// <summary>
    /// The most dynamic shared memory a launch may request, in bytes. 48 KiB unless raised; set it (up to
    /// <see cref="CudaDevice.SharedMemoryPerBlockOptIn"/> minus <see cref="StaticSharedMemoryBytes"/>) before a
    /// launch that needs more.
    /// </summary>
    public int MaxDynamicSharedMemoryBytes
    {
        get => Get(FunctionAttribute.MaxDynamicSharedSizeBytes);
        set => Set(FunctionAttribute.MaxDynamicSharedSizeBytes, value);
    }

    /// <summary>Whether cluster sizes above the portable 8 blocks are allowed (up to 16 on an H100).</summary>
    public bool NonPortableClusterSizeAllowed
    {
        get => Get(FunctionAttribute.NonPortableClusterSizeAllowed) != 0;
        set => Set(FunctionAttribute.NonPortableClusterSizeAllowed, value ? 1 : 0);
    }

    /// <summary>How many blocks of <paramref name="blockSize"/> threads fit on one SM at once.</summary>
    public int MaxActiveBlocksPerMultiprocessor(int blockSize, int dynamicSharedMemoryBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        ArgumentOutOfRangeException.ThrowIfNegative(dynamicSharedMemoryBytes);
        nint handle = Handle();
        Context.MakeCurrent();
        CudaException.Check(DriverApi.OccupancyMaxActiveBlocksPerMultiprocessor(out int blocks, handle, blockSize,
            (nuint)dynamicSharedMemoryBytes), "cuOccupancyMaxActiveBlocksPerMultiprocessor");
        return blocks;
    }

    /// <summary>
    /// How many clusters of <paramref name="configuration"/>'s <see cref="LaunchConfiguration.Cluster"/> shape can be
    /// resident at once (compute capability 9.0+).
    /// </summary>
    /// <exception cref="ArgumentException">The configuration has no cluster.</exception>
    public unsafe int MaxActiveClusters(LaunchConfiguration configuration)
    {
        if (!configuration.HasCluster)
            throw new ArgumentException("The configuration has no cluster dimensions.", nameof(configuration));
        return QueryCluster(configuration, static (out int value, nint function, LaunchConfig* config)
            => DriverApi.OccupancyMaxActiveClusters(out value, function, config), "cuOccupancyMaxActiveClusters");
    }

    /// <summary>
    /// The largest cluster (in blocks) this kernel can launch with, for <paramref name="configuration"/>'s block size
    /// and shared memory. Reaches beyond 8 only with <see cref="NonPortableClusterSizeAllowed"/>.
    /// </summary>
    public unsafe int MaxPotentialClusterSize(LaunchConfiguration configuration)
        => QueryCluster(configuration with { Cluster = default }, static (out int value, nint function, LaunchConfig* config)
            => DriverApi.OccupancyMaxPotentialClusterSize(out value, function, config), "cuOccupancyMaxPotentialClusterSize");

    /// <inheritdoc/>
    public override string ToString() => $"CudaKernel '{Name}' in module '{Module.Name}'";

    private unsafe delegate CudaError ClusterQuery(out int value, nint function, LaunchConfig* config);

    private unsafe int QueryCluster(LaunchConfiguration configuration, ClusterQuery query, string call)
    {
        configuration.Validate();
        nint handle = Handle();
        LaunchAttribute* attributes = stackalloc LaunchAttribute[2];
        LaunchConfig native = ToNative(configuration, 0, attributes);
        Context.MakeCurrent();
        CudaError result = query(out int value, handle, &native);
        if (result != CudaError.Success) throw CudaException.FromResult(result, call, $"Kernel '{Name}', {configuration}.");
        return value;
    }

    private int Get(FunctionAttribute attribute)
    {
        nint handle = Handle();
        Context.MakeCurrent();
        CudaException.Check(DriverApi.FuncGetAttribute(out int value, attribute, handle), "cuFuncGetAttribute");
        return value;
    }

    private void Set(FunctionAttribute attribute, int value)
    {
        nint handle = Handle();
        Context.MakeCurrent();
        CudaError result = DriverApi.FuncSetAttribute(handle, attribute, value);
        if (result != CudaError.Success)
            throw CudaException.FromResult(result, "cuFuncSetAttribute", $"Setting {attribute} = {value} on kernel '{Name}'.");
    }

    // A kernel handle dies with its module, so every use checks the module first.
    private nint Handle()
    {
        if (Module.IsDisposed) throw new ObjectDisposedException(ToString(), $"{this} cannot be used: its module was disposed.");
        return _handle;
    }
}
