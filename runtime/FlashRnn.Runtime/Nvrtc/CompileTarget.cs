using FlashRnn.Cuda;

namespace FlashRnn.Nvrtc;

/// <summary>The form of compiled device code.</summary>
public enum KernelImageKind
{
    /// <summary>PTX, the virtual instruction set; the driver JIT-compiles it for the actual GPU when loading.</summary>
    Ptx,
    /// <summary>A CUBIN, machine code for one architecture; loads without a JIT step.</summary>
    Cubin,
}

/// <summary>
/// The architecture and form NVRTC compiles for: <c>--gpu-architecture=compute_XX</c> for PTX or <c>sm_XX</c> for a
/// CUBIN, with the <c>a</c> suffix for architecture-specific features (for example <c>sm_90a</c> for wgmma).
/// </summary>
/// <param name="Architecture">The target compute capability.</param>
/// <param name="Kind">PTX or CUBIN.</param>
/// <param name="ArchSpecific">Whether to use the architecture-specific variant (<c>sm_90a</c>), which runs only on that exact architecture.</param>
public readonly record struct CompileTarget(ComputeCapability Architecture, KernelImageKind Kind, bool ArchSpecific = false)
{
    /// <summary>PTX for <paramref name="architecture"/>.</summary>
    public static CompileTarget Ptx(ComputeCapability architecture) => new(architecture, KernelImageKind.Ptx);

    /// <summary>A CUBIN for <paramref name="architecture"/>.</summary>
    public static CompileTarget Cubin(ComputeCapability architecture) => new(architecture, KernelImageKind.Cubin);

    /// <summary>The best target for <paramref name="device"/> with the NVRTC that is loaded (see <see cref="ForArchitecture"/>).</summary>
    public static CompileTarget ForDevice(CudaDevice device, bool archSpecific = false)
    {
        ArgumentNullException.ThrowIfNull(device);
        return ForArchitecture(device.ComputeCapability, archSpecific);
    }

    /// <summary>
    /// The best target for a GPU of <paramref name="device"/>'s compute capability with the NVRTC that is loaded: a
    /// CUBIN when NVRTC can generate code for that architecture, otherwise PTX for the newest architecture it knows
    /// that is not newer than the device, which the driver JIT-compiles on load (for example NVRTC 11.8 on a
    /// Blackwell GPU gives <c>compute_90</c> PTX).
    /// </summary>
    /// <exception cref="NotSupportedException">The device is older than every architecture NVRTC supports, or an
    /// architecture-specific target is asked for one NVRTC cannot compile.</exception>
    public static CompileTarget ForArchitecture(ComputeCapability device, bool archSpecific = false)
        => Select(device, NvrtcCompiler.SupportedArchitectures, archSpecific);

    /// <summary>The architecture as NVRTC names it, for example <c>sm_90</c> or <c>compute_80</c>.</summary>
    public string ArchitectureName => (Kind == KernelImageKind.Cubin ? "sm_" : "compute_") + Architecture.Number + (ArchSpecific ? "a" : "");

    /// <summary>The NVRTC option selecting this target.</summary>
    public string GpuArchitectureOption => "--gpu-architecture=" + ArchitectureName;

    /// <summary>Formats as, for example, <c>sm_90 CUBIN</c>.</summary>
    public override string ToString() => $"{ArchitectureName} {(Kind == KernelImageKind.Cubin ? "CUBIN" : "PTX")}";

    /// <summary>The selection rule of <see cref="ForArchitecture"/>, given NVRTC's supported architecture numbers.</summary>
    internal static CompileTarget Select(ComputeCapability device, IReadOnlyCollection<int> supported, bool archSpecific)
    {
        if (supported.Contains(device.Number)) return new CompileTarget(device, KernelImageKind.Cubin, archSpecific);
        if (archSpecific)
            throw new NotSupportedException(
                $"This NVRTC cannot compile for sm_{device.Number}a (it supports {Describe(supported)}); install a newer CUDA toolkit.");
        int[] older = supported.Where(a => a <= device.Number).ToArray();
        if (older.Length == 0)
            throw new NotSupportedException(
                $"This NVRTC supports {Describe(supported)}, all newer than the device's sm_{device.Number}; use an older CUDA toolkit.");
        return Ptx(ComputeCapability.FromNumber(older.Max()));
    }

    private static string Describe(IReadOnlyCollection<int> supported)
        => supported.Count == 0 ? "no architectures" : $"sm_{supported.Min()} to sm_{supported.Max()}";
}
