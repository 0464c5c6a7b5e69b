using System.Text;
using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// One CUDA device and the resources the kernel planner sizes kernels by. All values are read once, when the device
/// is first requested; none needs a context.
/// </summary>
public sealed class CudaDevice
{
    private static readonly object s_lock = new();
    private static CudaDevice?[]? s_devices;

    private unsafe CudaDevice(int ordinal)
    {
        CudaException.Check(DriverApi.DeviceGet(out int handle, ordinal), "cuDeviceGet");
        Ordinal = ordinal;
        Handle = handle;

        byte* name = stackalloc byte[256];
        CudaException.Check(DriverApi.DeviceGetName(name, 256, handle), "cuDeviceGetName");
        Name = Encoding.UTF8.GetString(name, new ReadOnlySpan<byte>(name, 256).IndexOf((byte)0) is var n and >= 0 ? n : 256);

        CudaException.Check(DriverApi.DeviceTotalMem(out nuint totalMemory, handle), "cuDeviceTotalMem_v2");
        TotalMemoryBytes = (long)totalMemory;

        ComputeCapability = new ComputeCapability(Attribute(DeviceAttribute.ComputeCapabilityMajor),
            Attribute(DeviceAttribute.ComputeCapabilityMinor));
        MultiprocessorCount = Attribute(DeviceAttribute.MultiprocessorCount);
        RegistersPerMultiprocessor = Attribute(DeviceAttribute.MaxRegistersPerMultiprocessor);
        RegistersPerBlock = Attribute(DeviceAttribute.MaxRegistersPerBlock);
        SharedMemoryPerMultiprocessor = Attribute(DeviceAttribute.MaxSharedMemoryPerMultiprocessor);
        SharedMemoryPerBlock = Attribute(DeviceAttribute.MaxSharedMemoryPerBlock);
        SharedMemoryPerBlockOptIn = Attribute(DeviceAttribute.MaxSharedMemoryPerBlockOptIn);
        ReservedSharedMemoryPerBlock = AttributeIfKnown(DeviceAttribute.ReservedSharedMemoryPerBlock);
        MaxThreadsPerBlock = Attribute(DeviceAttribute.MaxThreadsPerBlock);
        MaxThreadsPerMultiprocessor = Attribute(DeviceAttribute.MaxThreadsPerMultiprocessor);
        MaxBlocksPerMultiprocessor = AttributeIfKnown(DeviceAttribute.MaxBlocksPerMultiprocessor);
        MaxBlockDimensions = new Dim3(Attribute(DeviceAttribute.MaxBlockDimX), Attribute(DeviceAttribute.MaxBlockDimY),
            Attribute(DeviceAttribute.MaxBlockDimZ));
        MaxGridDimensions = new Dim3(Attribute(DeviceAttribute.MaxGridDimX), Attribute(DeviceAttribute.MaxGridDimY),
            Attribute(DeviceAttribute.MaxGridDimZ));
        WarpSize = Attribute(DeviceAttribute.WarpSize);
        L2CacheBytes = Attribute(DeviceAttribute.L2CacheSize);
        SupportsCooperativeLaunch = Attribute(DeviceAttribute.CooperativeLaunch) != 0;
        SupportsClusterLaunch = AttributeIfKnown(DeviceAttribute.ClusterLaunch) != 0;
        ClockRateKHz = Attribute(DeviceAttribute.ClockRate);
        MemoryClockRateKHz = Attribute(DeviceAttribute.MemoryClockRate);
        MemoryBusWidthBits = Attribute(DeviceAttribute.GlobalMemoryBusWidth);
        PciBusId = $"{Attribute(DeviceAttribute.PciDomainId):x4}:{Attribute(DeviceAttribute.PciBusId):x2}:{Attribute(DeviceAttribute.PciDeviceId):x2}.0";
    }

    /// <summary>
    /// Whether at least one CUDA device can be used: the driver loads, initializes and reports a device. Never throws;
    /// tests use it to skip GPU work (see <see cref="UnavailableReason"/> for why not).
    /// </summary>
    public static bool IsAvailable => UnavailableReason is null;

    /// <summary>Why no device can be used (missing driver, <c>cuInit</c> failure, no device), or <see langword="null"/>.</summary>
    public static string? UnavailableReason
    {
        get
        {
            string? driverProblem = CudaDriver.UnavailableReason;
            if (driverProblem is not null) return driverProblem;
            try
            {
                return Count > 0 ? null : "The CUDA driver reports no devices.";
            }
            catch (CudaException e)
            {
                return e.Message;
            }
        }
    }

    /// <summary>The number of CUDA devices.</summary>
    /// <exception cref="Native.NativeLibraryNotFoundException">The driver library is missing.</exception>
    /// <exception cref="CudaException">The driver failed to initialize.</exception>
    public static int Count
    {
        get
        {
            CudaDriver.EnsureInitialized();
            CudaException.Check(DriverApi.DeviceGetCount(out int count), "cuDeviceGetCount");
            return count;
        }
    }

    /// <summary>Every device, in ordinal order.</summary>
    public static IReadOnlyList<CudaDevice> All => Enumerable.Range(0, Count).Select(Get).ToArray();

    /// <summary>The device with the given ordinal (the same instance on every call).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> is not between 0 and <see cref="Count"/> - 1.</exception>
    public static CudaDevice Get(int ordinal)
    {
        int count = Count;
        if ((uint)ordinal >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal,
                count == 0 ? "There are no CUDA devices." : $"Expected a device ordinal from 0 to {count - 1}.");
        lock (s_lock)
        {
            s_devices ??= new CudaDevice?[count];
            return s_devices[ordinal] ??= new CudaDevice(ordinal);
        }
    }

    /// <summary>The ordinal (0-based index among the visible devices).</summary>
    public int Ordinal { get; }

    /// <summary>The product name, for example <c>NVIDIA H100 80GB HBM3</c>.</summary>
    public string Name { get; }

    /// <summary>The compute capability, for example 9.0.</summary>
    public ComputeCapability ComputeCapability { get; }

    /// <summary>Number of streaming multiprocessors (SMs).</summary>
    public int MultiprocessorCount { get; }

    /// <summary>Global memory in bytes.</summary>
    public long TotalMemoryBytes { get; }

    /// <summary>32-bit registers per SM.</summary>
    public int RegistersPerMultiprocessor { get; }

    /// <summary>32-bit registers one thread block may use.</summary>
    public int RegistersPerBlock { get; }

    /// <summary>Shared memory per SM in bytes.</summary>
    public int SharedMemoryPerMultiprocessor { get; }

    /// <summary>Shared memory a block may use without opting in, in bytes (48 KiB on current GPUs).</summary>
    public int SharedMemoryPerBlock { get; }

    /// <summary>
    /// Shared memory a block may use after opting in (<see cref="CudaKernel.MaxDynamicSharedMemoryBytes"/>), in bytes
    /// (227 KiB on an H100).
    /// </summary>
    public int SharedMemoryPerBlockOptIn { get; }

    /// <summary>Shared memory the system reserves per block, in bytes (counts against the SM's shared memory).</summary>
    public int ReservedSharedMemoryPerBlock { get; }

    /// <summary>Maximum threads per block.</summary>
    public int MaxThreadsPerBlock { get; }

    /// <summary>Maximum resident threads per SM.</summary>
    public int MaxThreadsPerMultiprocessor { get; }

    /// <summary>Maximum resident blocks per SM.</summary>
    public int MaxBlocksPerMultiprocessor { get; }

    /// <summary>Maximum block dimensions.</summary>
    public Dim3 MaxBlockDimensions { get; }

    /// <summary>Maximum grid dimensions.</summary>
    public Dim3 MaxGridDimensions { get; }

    /// <summary>Threads per warp.</summary>
    public int WarpSize { get; }

    /// <summary>L2 cache size in bytes.</summary>
    public int L2CacheBytes { get; }

    /// <summary>Whether cooperative launches (grid-wide barriers) are supported.</summary>
    public bool SupportsCooperativeLaunch { get; }

    /// <summary>
    /// Whether thread block clusters are supported (compute capability 9.0 and later). The portable maximum cluster
    /// size is 8; <see cref="CudaKernel.MaxPotentialClusterSize"/> tells what a given kernel can reach (16 on an H100
    /// with non-portable sizes allowed).
    /// </summary>
    public bool SupportsClusterLaunch { get; }

    /// <summary>Peak SM clock in kHz.</summary>
    public int ClockRateKHz { get; }

    /// <summary>Peak memory clock in kHz.</summary>
    public int MemoryClockRateKHz { get; }

    /// <summary>Global memory bus width in bits.</summary>
    public int MemoryBusWidthBits { get; }

    /// <summary>PCI address as <c>domain:bus:device.function</c>.</summary>
    public string PciBusId { get; }

    internal int Handle { get; }

    /// <inheritdoc/>
    public override string ToString() => $"CUDA device {Ordinal}: {Name} (compute capability {ComputeCapability}, {MultiprocessorCount} SMs)";

    private int Attribute(DeviceAttribute attribute)
    {
        CudaError result = DriverApi.DeviceGetAttribute(out int value, attribute, Handle);
        if (result != CudaError.Success)
            throw CudaException.FromResult(result, "cuDeviceGetAttribute", $"Attribute {attribute} of device {Ordinal}.");
        return value;
    }

    // Attributes newer than the oldest supported driver (CUDA 11.2): an older driver rejects the id as an invalid
    // value, which means the feature is absent.
    private int AttributeIfKnown(DeviceAttribute attribute)
        => DriverApi.DeviceGetAttribute(out int value, attribute, Handle) == CudaError.Success ? value : 0;
}
