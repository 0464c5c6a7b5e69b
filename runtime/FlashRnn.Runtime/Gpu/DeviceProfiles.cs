using FlashRnn.Cuda;
using FlashRnn.Planning;

namespace FlashRnn.Gpu;

/// <summary>A device's resources as the kernel planner sees them.</summary>
internal static class DeviceProfiles
{
    /// <summary>
    /// The planner's profile of <paramref name="device"/>, read from the driver. The largest cluster is not a device
    /// attribute: compute capability 9.x allows 16 CTAs with the non-portable opt-in (CUDA programming guide), older
    /// devices have no clusters.
    /// </summary>
    public static GpuProfile Of(CudaDevice device) => GpuProfile.FromDeviceProperties(new DeviceProperties
    {
        Name = device.Name,
        ComputeCapabilityMajor = device.ComputeCapability.Major,
        ComputeCapabilityMinor = device.ComputeCapability.Minor,
        MultiprocessorCount = device.MultiprocessorCount,
        MaxRegistersPerMultiprocessor = device.RegistersPerMultiprocessor,
        MaxRegistersPerBlock = device.RegistersPerBlock,
        MaxSharedMemoryPerMultiprocessor = device.SharedMemoryPerMultiprocessor,
        MaxSharedMemoryPerBlockOptIn = device.SharedMemoryPerBlockOptIn,
        ReservedSharedMemoryPerBlock = device.ReservedSharedMemoryPerBlock,
        MaxThreadsPerBlock = device.MaxThreadsPerBlock,
        MaxThreadsPerMultiprocessor = device.MaxThreadsPerMultiprocessor,
        MaxBlocksPerMultiprocessor = device.MaxBlocksPerMultiprocessor,
        L2CacheBytes = device.L2CacheBytes,
        ClockRateKHz = device.ClockRateKHz,
        ClusterLaunch = device.SupportsClusterLaunch,
        MaxClusterSize = device.SupportsClusterLaunch && device.ComputeCapability.Major >= 9 ? 16 : 1,
    });
}
