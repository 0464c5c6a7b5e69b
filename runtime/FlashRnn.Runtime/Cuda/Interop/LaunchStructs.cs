using System.Runtime.InteropServices;

namespace FlashRnn.Cuda.Interop;

/// <summary>
/// <c>CUlaunchConfig</c> for <c>cuLaunchKernelEx</c>: seven 32-bit dimensions and sizes (28 bytes), padding to 32,
/// then the stream (offset 32), the attribute array (40) and its length (48); 56 bytes in all on 64-bit platforms.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LaunchConfig
{
    public uint GridDimX;
    public uint GridDimY;
    public uint GridDimZ;
    public uint BlockDimX;
    public uint BlockDimY;
    public uint BlockDimZ;
    public uint SharedMemBytes;
    public nint Stream;
    public LaunchAttribute* Attributes;
    public uint AttributeCount;
}

/// <summary>
/// <c>CUlaunchAttribute</c>: a 4-byte id, 4 bytes of padding, then the 64-byte <c>CUlaunchAttributeValue</c> union,
/// which is 8-byte aligned because some members hold pointers; 72 bytes in all. Only the members the runtime sets
/// are mapped: <c>clusterDim</c> (three 32-bit values at the union's start) and <c>cooperative</c> (an int there).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 72)]
internal struct LaunchAttribute
{
    [FieldOffset(0)] public LaunchAttributeId Id;

    // Gives the struct the union's 8-byte alignment and lets a constructor clear the value's first word.
    [FieldOffset(8)] public ulong ValueWord0;

    [FieldOffset(8)] public uint ClusterDimX;
    [FieldOffset(12)] public uint ClusterDimY;
    [FieldOffset(16)] public uint ClusterDimZ;

    [FieldOffset(8)] public int Cooperative;

    /// <summary>The value union's offset inside the struct (for the layout test).</summary>
    public const int ValueOffset = 8;

    /// <summary>The value union's size in bytes (for the layout test).</summary>
    public const int ValueSize = 64;

    public static LaunchAttribute ClusterDimension(Dim3 cluster) => new()
    {
        Id = LaunchAttributeId.ClusterDimension,
        ClusterDimX = (uint)cluster.X,
        ClusterDimY = (uint)cluster.Y,
        ClusterDimZ = (uint)cluster.Z,
    };

    public static LaunchAttribute CooperativeLaunch() => new()
    {
        Id = LaunchAttributeId.Cooperative,
        Cooperative = 1,
    };
}
