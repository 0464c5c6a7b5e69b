using FlashRnn.Cuda.Interop;
using FlashRnn.Native;

namespace FlashRnn.Cuda;

/// <summary>
/// The CUDA driver as a whole: whether it loads and initializes, its version and where it was found. The runtime
/// initializes it on first use; nothing needs to be called first.
/// </summary>
public static class CudaDriver
{
    private static readonly object s_lock = new();
    private static bool s_attempted;
    private static Exception? s_failure;

    /// <summary>How the driver library was resolved.</summary>
    public static NativeLibraryStatus Library => NativeLibraries.Cuda;

    /// <summary>Whether the driver loaded and <c>cuInit</c> succeeded (there may still be no usable device).</summary>
    public static bool IsAvailable => TryInitialize() is null;

    /// <summary>Why the driver is unusable, or <see langword="null"/> when it is usable.</summary>
    public static string? UnavailableReason => TryInitialize()?.Message;

    /// <summary>The CUDA version the driver supports (for example 13.0), from <c>cuDriverGetVersion</c>.</summary>
    /// <exception cref="NativeLibraryNotFoundException">The driver library is missing.</exception>
    public static Version Version
    {
        get
        {
            NativeLibraries.RequireCuda();
            CudaException.Check(DriverApi.DriverGetVersion(out int version), "cuDriverGetVersion");
            return new Version(version / 1000, version % 1000 / 10);
        }
    }

    /// <summary>Loads and initializes the driver once, rethrowing the first failure on every later call.</summary>
    /// <exception cref="NativeLibraryNotFoundException">The driver library is missing.</exception>
    /// <exception cref="CudaException"><c>cuInit</c> failed (for example no device, or a stub library).</exception>
    internal static void EnsureInitialized()
    {
        Exception? failure = TryInitialize();
        if (failure is null) return;
        // A fresh exception per call keeps stack traces pointing at the caller; the content is the first failure's.
        throw failure switch
        {
            NativeLibraryNotFoundException notFound => new NativeLibraryNotFoundException(notFound.Status, notFound.Hint),
            CudaException cuda => new CudaException(cuda.Call, cuda.Error, cuda.ErrorName, cuda.DriverMessage, cuda.Detail),
            _ => new InvalidOperationException(failure.Message, failure),
        };
    }

    private static Exception? TryInitialize()
    {
        lock (s_lock)
        {
            if (s_attempted) return s_failure;
            s_attempted = true;
            try
            {
                NativeLibraries.RequireCuda();
                CudaException.Check(DriverApi.Init(0), "cuInit");
            }
            catch (Exception e) when (e is NativeLibraryNotFoundException or CudaException or EntryPointNotFoundException)
            {
                s_failure = e;
            }
            return s_failure;
        }
    }
}
