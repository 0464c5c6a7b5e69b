using FlashRnn.Cuda;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Gpu;

[Collection(GpuCollection.Name)]
public class CudaDeviceTests
{
    [Fact]
    public void The_device_reports_the_resources_the_planner_needs()
    {
        CudaDevice device = Requires.Gpu();
        Assert.False(string.IsNullOrWhiteSpace(device.Name));
        Assert.True(device.ComputeCapability >= new ComputeCapability(3, 5), device.ComputeCapability.ToString());
        Assert.True(device.MultiprocessorCount > 0);
        Assert.True(device.TotalMemoryBytes > 1L << 30);
        Assert.True(device.RegistersPerMultiprocessor >= device.RegistersPerBlock && device.RegistersPerBlock > 0);
        Assert.True(device.SharedMemoryPerBlockOptIn >= device.SharedMemoryPerBlock && device.SharedMemoryPerBlock > 0);
        Assert.True(device.SharedMemoryPerMultiprocessor >= device.SharedMemoryPerBlockOptIn);
        Assert.Equal(1024, device.MaxThreadsPerBlock);
        Assert.Equal(32, device.WarpSize);
        Assert.True(device.MaxThreadsPerMultiprocessor >= device.MaxThreadsPerBlock);
        Assert.True(device.L2CacheBytes > 0);
        Assert.Equal(device.ComputeCapability.Major >= 9, device.SupportsClusterLaunch);
        Assert.True(device.SupportsCooperativeLaunch);
        Assert.Matches("^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.0$", device.PciBusId);
    }

    [Fact]
    public void Devices_and_contexts_are_shared_instances()
    {
        Requires.Gpu();
        Assert.True(CudaDevice.Count >= 1);
        Assert.Same(CudaDevice.Get(0), CudaDevice.Get(0));
        Assert.Same(CudaContext.ForDevice(0), CudaContext.ForDevice(0));
        Assert.Equal(CudaContext.DefaultDeviceOrdinal, CudaContext.Default.Device.Ordinal);
        Assert.Equal(CudaDevice.Count, CudaDevice.All.Count);
        var e = Assert.Throws<ArgumentOutOfRangeException>("ordinal", () => CudaDevice.Get(CudaDevice.Count));
        Assert.Contains($"from 0 to {CudaDevice.Count - 1}", e.Message);
    }

    [Fact]
    public void The_driver_reports_its_version_and_memory()
    {
        Requires.Gpu();
        Assert.True(CudaDriver.Version >= new Version(11, 2), CudaDriver.Version.ToString());
        var (free, total) = CudaContext.Default.GetMemoryInfo();
        Assert.InRange(free, 1, total);
        Assert.InRange(total, 1L << 30, CudaContext.Default.Device.TotalMemoryBytes);
    }
}
