using FlashRnn.Cuda;
using FlashRnn.Nvrtc;

namespace FlashRnn.Runtime.Tests.Nvrtc;

public class CompileTargetTests
{
    private static readonly int[] Nvrtc118 = [35, 37, 50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90];

    [Fact]
    public void A_supported_architecture_gets_a_CUBIN()
    {
        CompileTarget target = CompileTarget.Select(new ComputeCapability(9, 0), Nvrtc118, archSpecific: false);
        Assert.Equal(CompileTarget.Cubin(new ComputeCapability(9, 0)), target);
        Assert.Equal("--gpu-architecture=sm_90", target.GpuArchitectureOption);
        Assert.Equal("sm_90 CUBIN", target.ToString());
    }

    [Fact]
    public void A_newer_device_gets_PTX_of_the_newest_older_architecture_for_the_driver_JIT()
    {
        CompileTarget target = CompileTarget.Select(new ComputeCapability(10, 0), Nvrtc118, archSpecific: false);
        Assert.Equal(CompileTarget.Ptx(new ComputeCapability(9, 0)), target);
        Assert.Equal("--gpu-architecture=compute_90", target.GpuArchitectureOption);

        Assert.Equal(CompileTarget.Ptx(new ComputeCapability(8, 7)),
            CompileTarget.Select(new ComputeCapability(8, 8), Nvrtc118, archSpecific: false));
    }

    [Fact]
    public void A_device_older_than_anything_supported_is_refused()
    {
        var e = Assert.Throws<NotSupportedException>(
            () => CompileTarget.Select(new ComputeCapability(6, 1), [75, 80, 90, 100, 120], archSpecific: false));
        Assert.Contains("sm_75 to sm_120", e.Message);
        Assert.Contains("sm_61", e.Message);
    }

    [Fact]
    public void Arch_specific_targets_need_exact_support()
    {
        Assert.Equal("--gpu-architecture=sm_90a",
            CompileTarget.Select(new ComputeCapability(9, 0), Nvrtc118, archSpecific: true).GpuArchitectureOption);
        Assert.Throws<NotSupportedException>(() => CompileTarget.Select(new ComputeCapability(10, 0), Nvrtc118, archSpecific: true));
        Assert.Equal("--gpu-architecture=compute_90a",
            new CompileTarget(new ComputeCapability(9, 0), KernelImageKind.Ptx, ArchSpecific: true).GpuArchitectureOption);
    }
}
