using System.Reflection;
using System.Runtime.InteropServices;

namespace FlashRnn.Native;

/// <summary>
/// Resolves the CUDA driver (<c>libcuda.so.1</c> / <c>nvcuda.dll</c>) and NVRTC (<c>libnvrtc.so.13</c>, <c>.12</c>,
/// <c>.11.2</c> / <c>nvrtc64_*.dll</c>) for the runtime's <c>[LibraryImport]</c> bindings, once per process, and
/// reports how each was found. Set <c>FLASHRNN_CUDA_LIBRARY</c> or <c>FLASHRNN_NVRTC_LIBRARY</c> to a file to use
/// that one first.
/// </summary>
public static class NativeLibraries
{
    // The bindings import these logical names; only the resolver below maps them to files. A name the OS loader
    // cannot resolve by itself makes a missing registration fail loudly instead of loading something unintended.
    internal const string CudaDriverImportName = "flashrnn-cuda-driver";
    internal const string NvrtcImportName = "flashrnn-nvrtc";

    private static readonly object s_registrationLock = new();
    private static bool s_registered;
    private static readonly Lazy<NativeLibraryStatus> s_cuda = new(ResolveCudaDriver);
    private static readonly Lazy<NativeLibraryStatus> s_nvrtc = new(ResolveNvrtc);

    /// <summary>How the CUDA driver library was resolved (resolving it on first access; never throws).</summary>
    public static NativeLibraryStatus Cuda => s_cuda.Value;

    /// <summary>How NVRTC was resolved (resolving it on first access; never throws).</summary>
    public static NativeLibraryStatus Nvrtc => s_nvrtc.Value;

    /// <summary>Installs the import resolver for this assembly (once); also called from the binding classes' static constructors.</summary>
    internal static void RegisterResolver()
    {
        lock (s_registrationLock)
        {
            if (s_registered) return;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            s_registered = true;
        }
    }

    /// <summary>The CUDA driver's handle, or a <see cref="NativeLibraryNotFoundException"/> saying what was searched.</summary>
    internal static nint RequireCuda()
    {
        NativeLibraryStatus status = Cuda;
        if (!status.IsLoaded)
            throw new NativeLibraryNotFoundException(status,
                "The CUDA driver comes with the NVIDIA GPU driver; install it, or set "
                + $"{NativeLibraryCandidates.CudaDriverOverride} to the library's full path.");
        return status.Handle;
    }

    /// <summary>NVRTC's handle, or a <see cref="NativeLibraryNotFoundException"/> saying what was searched.</summary>
    internal static nint RequireNvrtc()
    {
        NativeLibraryStatus status = Nvrtc;
        if (!status.IsLoaded)
            throw new NativeLibraryNotFoundException(status,
                "Install NVRTC 11.2 or later (the CUDA toolkit, or a package such as libnvrtc11.2 or "
                + $"cuda-nvrtc-12-x), add its folder to LD_LIBRARY_PATH / PATH, or set {NativeLibraryCandidates.NvrtcOverride} "
                + "to the library's full path.");
        return status.Handle;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        CudaDriverImportName => Cuda.Handle,
        NvrtcImportName => Nvrtc.Handle,
        _ => 0, // not ours: let the default probing handle it
    };

    // Resolving a library also installs the resolver, so the bindings work whichever is touched first: every public
    // entry point resolves its library (RequireCuda / RequireNvrtc) before its first native call.
    private static NativeLibraryStatus ResolveCudaDriver()
    {
        RegisterResolver();
        return NativeLibraryLoader.Load("CUDA driver",
            NativeLibraryCandidates.ForCudaDriver(OperatingSystem.IsWindows(), Environment.GetEnvironmentVariable), "cuInit");
    }

    private static NativeLibraryStatus ResolveNvrtc()
    {
        RegisterResolver();
        return NativeLibraryLoader.Load("NVRTC",
            NativeLibraryCandidates.ForNvrtc(OperatingSystem.IsWindows(), Environment.GetEnvironmentVariable, Directory.Exists),
            "nvrtcVersion");
    }
}
