using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlashRnn.Cuda;
using FlashRnn.Cuda.Interop;

namespace FlashRnn.Runtime.Tests.Cpu;

/// <summary>
/// The structs passed to cuLaunchKernelEx must match cuda.h byte for byte: a wrong offset would not fail loudly, it
/// would launch with garbage dimensions or corrupt memory. These are the C layouts on 64-bit platforms.
/// </summary>
public class LaunchStructLayoutTests
{
    [Fact]
    public void LaunchConfig_matches_CUlaunchConfig()
    {
        Assert.Equal(56, Unsafe.SizeOf<LaunchConfig>());
        Assert.Equal(0, Offset<LaunchConfig>(nameof(LaunchConfig.GridDimX)));
        Assert.Equal(12, Offset<LaunchConfig>(nameof(LaunchConfig.BlockDimX)));
        Assert.Equal(24, Offset<LaunchConfig>(nameof(LaunchConfig.SharedMemBytes)));
        Assert.Equal(32, Offset<LaunchConfig>(nameof(LaunchConfig.Stream)));
        Assert.Equal(40, Offset<LaunchConfig>(nameof(LaunchConfig.Attributes)));
        Assert.Equal(48, Offset<LaunchConfig>(nameof(LaunchConfig.AttributeCount)));
    }

    [Fact]
    public void LaunchAttribute_matches_CUlaunchAttribute()
    {
        // id (4) + pad (4) + a 64-byte union aligned to 8.
        Assert.Equal(72, Unsafe.SizeOf<LaunchAttribute>());
        Assert.Equal(LaunchAttribute.ValueOffset + LaunchAttribute.ValueSize, Unsafe.SizeOf<LaunchAttribute>());
        Assert.Equal(0, Offset<LaunchAttribute>(nameof(LaunchAttribute.Id)));
        Assert.Equal(8, Offset<LaunchAttribute>(nameof(LaunchAttribute.ClusterDimX)));
        Assert.Equal(12, Offset<LaunchAttribute>(nameof(LaunchAttribute.ClusterDimY)));
        Assert.Equal(16, Offset<LaunchAttribute>(nameof(LaunchAttribute.ClusterDimZ)));
        Assert.Equal(8, Offset<LaunchAttribute>(nameof(LaunchAttribute.Cooperative)));
    }

    [Fact]
    public unsafe void Attributes_lie_at_72_byte_strides_with_the_documented_ids()
    {
        LaunchAttribute* attributes = stackalloc LaunchAttribute[2];
        attributes[0] = LaunchAttribute.ClusterDimension(new Dim3(4, 2, 1));
        attributes[1] = LaunchAttribute.CooperativeLaunch();
        byte* raw = (byte*)attributes;
        Assert.Equal(4, *(int*)raw);        // CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION
        Assert.Equal(4u, *(uint*)(raw + 8));
        Assert.Equal(2u, *(uint*)(raw + 12));
        Assert.Equal(1u, *(uint*)(raw + 16));
        Assert.Equal(2, *(int*)(raw + 72)); // CU_LAUNCH_ATTRIBUTE_COOPERATIVE
        Assert.Equal(1, *(int*)(raw + 80));
        Assert.True(new ReadOnlySpan<byte>(raw + 84, 72 - 12).IndexOfAnyExcept((byte)0) < 0, "the rest of the union is zero");
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
