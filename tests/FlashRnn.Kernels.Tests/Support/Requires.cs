using FlashRnn.Cuda;

namespace FlashRnn.Kernels.Tests.Support;

/// <summary>Skips a test, with the reason, when there is no GPU; skipped tests never count as passed.</summary>
internal static class Requires
{
    public static CudaDevice Gpu()
    {
        Assert.SkipUnless(CudaDevice.IsAvailable,
            "no CUDA device: " + (CudaDriver.Library.IsLoaded ? CudaDevice.UnavailableReason : CudaDriver.Library.ToString()));
        return CudaContext.Default.Device;
    }
}

/// <summary>GPU tests run one at a time: they share the device and the poison switch.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GpuCollection : ICollectionFixture<KernelWarmup>
{
    public const string Name = "GPU";
}
