using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// A CUDA event: a marker recorded into a stream, used to time GPU work (<see cref="ElapsedMilliseconds"/>) and to
/// order streams (<see cref="CudaStream.Wait"/>).
/// </summary>
public sealed class CudaEvent : IDisposable
{
    private nint _handle;

    /// <summary>Creates an event on <paramref name="context"/> (default: <see cref="CudaContext.Default"/>).</summary>
    /// <param name="context">The context; <see langword="null"/> for the default.</param>
    /// <param name="enableTiming">Whether the event records time stamps (it is cheaper without).</param>
    /// <param name="blockingSync">Whether <see cref="Synchronize"/> sleeps instead of spinning.</param>
    public CudaEvent(CudaContext? context = null, bool enableTiming = true, bool blockingSync = false)
    {
        Context = context ?? CudaContext.Default;
        TimingEnabled = enableTiming;
        EventFlags flags = (enableTiming ? EventFlags.Default : EventFlags.DisableTiming)
                           | (blockingSync ? EventFlags.BlockingSync : EventFlags.Default);
        Context.MakeCurrent();
        CudaException.Check(DriverApi.EventCreate(out _handle, flags), "cuEventCreate");
    }

    /// <summary>The context the event belongs to.</summary>
    public CudaContext Context { get; }

    /// <summary>Whether the event records time stamps.</summary>
    public bool TimingEnabled { get; }

    /// <summary>Whether all work before the last <see cref="Record"/> has completed.</summary>
    public bool IsComplete
    {
        get
        {
            nint handle = HandleFor(Context);
            Context.MakeCurrent();
            CudaError result = DriverApi.EventQuery(handle);
            if (result == CudaError.NotReady) return false;
            CudaException.Check(result, "cuEventQuery");
            return true;
        }
    }

    /// <summary>Records the event at the current end of <paramref name="stream"/> (default: the legacy default stream).</summary>
    public void Record(CudaStream? stream = null)
    {
        nint handle = HandleFor(Context);
        nint streamHandle = stream?.HandleFor(Context) ?? 0;
        Context.MakeCurrent();
        CudaException.Check(DriverApi.EventRecord(handle, streamHandle), "cuEventRecord");
    }

    /// <summary>Blocks until the work before the last <see cref="Record"/> has completed.</summary>
    public void Synchronize()
    {
        nint handle = HandleFor(Context);
        Context.MakeCurrent();
        CudaException.Check(DriverApi.EventSynchronize(handle), "cuEventSynchronize");
    }

    /// <summary>
    /// Milliseconds of GPU time between two recorded events (resolution about 0.5 µs). Both must have completed
    /// (call <see cref="Synchronize"/> on <paramref name="end"/> first) and have timing enabled.
    /// </summary>
    /// <exception cref="CudaException">An event was not recorded, has not completed, or has timing disabled.</exception>
    public static float ElapsedMilliseconds(CudaEvent start, CudaEvent end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        nint startHandle = start.HandleFor(start.Context);
        nint endHandle = end.HandleFor(start.Context);
        start.Context.MakeCurrent();
        CudaException.Check(DriverApi.EventElapsedTime(out float milliseconds, startHandle, endHandle), "cuEventElapsedTime");
        return milliseconds;
    }

    /// <summary>Destroys the event. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        Context.MakeCurrent();
        _ = DriverApi.EventDestroy(handle); // not checked: Dispose must not throw after a kernel fault
    }

    /// <inheritdoc/>
    public override string ToString() => $"CudaEvent(device {Context.Device.Ordinal})";

    internal nint HandleFor(CudaContext expected) => ContextOwnership.Require(_handle, this, Context, expected);
}
