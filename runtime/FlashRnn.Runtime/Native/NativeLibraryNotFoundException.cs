namespace FlashRnn.Native;

/// <summary>
/// A native library the runtime needs (the CUDA driver or NVRTC) could not be loaded. The message lists every
/// name and file tried and the loader's reason for each, and says how to point the runtime at the library.
/// </summary>
public sealed class NativeLibraryNotFoundException : DllNotFoundException
{
    /// <summary>Creates the exception from a failed resolution.</summary>
    public NativeLibraryNotFoundException(NativeLibraryStatus status, string hint)
        : base(FormatMessage(status, hint))
    {
        Status = status;
        Hint = hint;
    }

    /// <summary>How to make the library available.</summary>
    public string Hint { get; }

    /// <summary>The failed resolution: what was tried and why each candidate failed.</summary>
    public NativeLibraryStatus Status { get; }

    private static string FormatMessage(NativeLibraryStatus status, string hint)
    {
        ArgumentNullException.ThrowIfNull(status);
        return $"{status.Library} could not be loaded. Tried, in order:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", status.Attempts)
            + Environment.NewLine + hint;
    }
}
