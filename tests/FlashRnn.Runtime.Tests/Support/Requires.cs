using FlashRnn.Cuda;
using FlashRnn.Nvrtc;

namespace FlashRnn.Runtime.Tests.Support;

/// <summary>
/// Skips a test, with the reason, when what it needs is missing. Skipped tests are reported as skipped, never as
/// passed. NVRTC is installed on the development machines and in CI, so NVRTC tests run there.
/// </summary>
internal static class Requires
{
    public static void Nvrtc()
        => Assert.SkipUnless(NvrtcCompiler.IsAvailable, $"NVRTC is not installed: {NvrtcCompiler.Library}");

    public static CudaDevice Gpu()
    {
        // One line per skipped test: the library search result when the driver is missing, else the driver's reason.
        Assert.SkipUnless(CudaDevice.IsAvailable,
            "no CUDA device: " + (CudaDriver.Library.IsLoaded ? CudaDevice.UnavailableReason : CudaDriver.Library.ToString()));
        return CudaContext.Default.Device;
    }

    public static CudaDevice Hopper()
    {
        CudaDevice device = Gpu();
        Assert.SkipWhen(device.ComputeCapability < new ComputeCapability(9, 0),
            $"thread block clusters need compute capability 9.0; {device.Name} has {device.ComputeCapability}");
        return device;
    }
}
