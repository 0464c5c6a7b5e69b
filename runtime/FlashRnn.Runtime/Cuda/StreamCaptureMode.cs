namespace FlashRnn.Cuda;

/// <summary>
/// Which potentially unsafe CUDA calls (synchronous copies, allocations, synchronizations) are refused while a
/// stream is being captured into a graph (<c>CUstreamCaptureMode</c>).
/// </summary>
public enum StreamCaptureMode
{
    /// <summary>Refused on every thread while any global-mode capture is under way.</summary>
    Global = 0,

    /// <summary>Refused only on the capturing thread; other threads keep working. The runtime's default.</summary>
    ThreadLocal = 1,

    /// <summary>Never refused; the caller guarantees nothing unsafe happens during capture.</summary>
    Relaxed = 2,
}
