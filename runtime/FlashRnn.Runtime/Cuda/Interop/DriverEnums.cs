namespace FlashRnn.Cuda.Interop;

// Values from cuda.h. Only what the runtime reads or sets is listed; the numbers are part of the driver's ABI.

/// <summary><c>CUdevice_attribute</c>.</summary>
internal enum DeviceAttribute
{
    MaxThreadsPerBlock = 1,
    MaxBlockDimX = 2,
    MaxBlockDimY = 3,
    MaxBlockDimZ = 4,
    MaxGridDimX = 5,
    MaxGridDimY = 6,
    MaxGridDimZ = 7,
    MaxSharedMemoryPerBlock = 8,
    WarpSize = 10,
    MaxRegistersPerBlock = 12,
    ClockRate = 13,
    MultiprocessorCount = 16,
    PciBusId = 33,
    PciDeviceId = 34,
    MemoryClockRate = 36,
    GlobalMemoryBusWidth = 37,
    L2CacheSize = 38,
    MaxThreadsPerMultiprocessor = 39,
    PciDomainId = 50,
    ComputeCapabilityMajor = 75,
    ComputeCapabilityMinor = 76,
    MaxSharedMemoryPerMultiprocessor = 81,
    MaxRegistersPerMultiprocessor = 82,
    CooperativeLaunch = 95,
    MaxSharedMemoryPerBlockOptIn = 97,
    MaxBlocksPerMultiprocessor = 106,
    ReservedSharedMemoryPerBlock = 111,
    ClusterLaunch = 120,
}

/// <summary><c>CUfunction_attribute</c>.</summary>
internal enum FunctionAttribute
{
    MaxThreadsPerBlock = 0,
    SharedSizeBytes = 1,
    ConstSizeBytes = 2,
    LocalSizeBytes = 3,
    NumRegs = 4,
    PtxVersion = 5,
    BinaryVersion = 6,
    MaxDynamicSharedSizeBytes = 8,
    NonPortableClusterSizeAllowed = 14,
}

/// <summary><c>CUjit_option</c>, for the PTX JIT's log buffers.</summary>
internal enum JitOption
{
    InfoLogBuffer = 3,
    InfoLogBufferSizeBytes = 4,
    ErrorLogBuffer = 5,
    ErrorLogBufferSizeBytes = 6,
}

/// <summary><c>CUlaunchAttributeID</c>.</summary>
internal enum LaunchAttributeId
{
    Ignore = 0,
    Cooperative = 2,
    ClusterDimension = 4,
}

/// <summary><c>CUstream_flags</c>.</summary>
[Flags]
internal enum StreamFlags : uint
{
    Default = 0,
    NonBlocking = 1,
}

/// <summary><c>CUevent_flags</c>.</summary>
[Flags]
internal enum EventFlags : uint
{
    Default = 0,
    BlockingSync = 1,
    DisableTiming = 2,
}
