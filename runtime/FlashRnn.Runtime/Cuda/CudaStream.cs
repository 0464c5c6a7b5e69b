using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// A CUDA stream: an ordered queue of launches and copies. It can record its work into a <see cref="CudaGraph"/>
/// (<see cref="BeginCapture"/> / <see cref="EndCapture"/>, or <see cref="Capture"/>) for cheap replay.
/// </summary>
public sealed class CudaStream : IDisposable
{
    private nint _handle;

    /// <summary>Creates a stream on <paramref name="context"/> (default: <see cref="CudaContext.Default"/>).</summary>
    /// <param name="context">The context; <see langword="null"/> for the default.</param>
    /// <param name="nonBlocking">
    /// <see langword="false"/> (the default): the stream is ordered with the legacy default stream, so the synchronous
    /// copies of <see cref="DeviceBuffer"/> and <see cref="DeviceTensor{T}"/> see the results of kernels queued here.
    /// <see langword="true"/>: it runs independently, and the caller synchronizes it before reading results.
    /// </param>
    public CudaStream(CudaContext? context = null, bool nonBlocking = false)
    {
        Context = context ?? CudaContext.Default;
        IsNonBlocking = nonBlocking;
        Context.MakeCurrent();
        CudaException.Check(DriverApi.StreamCreate(out _handle, nonBlocking ? StreamFlags.NonBlocking : StreamFlags.Default),
            "cuStreamCreate");
    }

    /// <summary>The context the stream belongs to.</summary>
    public CudaContext Context { get; }

    /// <summary>Whether the stream runs independently of the legacy default stream.</summary>
    public bool IsNonBlocking { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _handle == 0;

    /// <summary>Whether the stream is being captured into a graph.</summary>
    public bool IsCapturing
    {
        get
        {
            nint handle = HandleFor(Context);
            Context.MakeCurrent();
            CudaException.Check(DriverApi.StreamIsCapturing(handle, out int status), "cuStreamIsCapturing");
            return status != 0; // CU_STREAM_CAPTURE_STATUS_NONE is 0; ACTIVE and INVALIDATED both mean "in a capture"
        }
    }

    /// <summary>Blocks until all work queued so far has finished.</summary>
    /// <exception cref="CudaException">Queued work failed.</exception>
    public void Synchronize()
    {
        nint handle = HandleFor(Context);
        Context.MakeCurrent();
        CudaException.Check(DriverApi.StreamSynchronize(handle), "cuStreamSynchronize");
    }

    /// <summary>Makes work queued after this call wait until <paramref name="cudaEvent"/> has completed.</summary>
    public void Wait(CudaEvent cudaEvent)
    {
        ArgumentNullException.ThrowIfNull(cudaEvent);
        nint handle = HandleFor(Context);
        nint eventHandle = cudaEvent.HandleFor(Context);
        Context.MakeCurrent();
        CudaException.Check(DriverApi.StreamWaitEvent(handle, eventHandle, 0), "cuStreamWaitEvent");
    }

    /// <summary>
    /// Starts recording the work queued on this stream into a graph instead of running it. A blocking stream is
    /// ordered with the legacy default stream, so a synchronous copy (<see cref="DeviceBuffer.CopyFrom{T}"/> and the
    /// like) issued by any thread during the capture invalidates it; capture a non-blocking stream when other threads
    /// keep working meanwhile.
    /// </summary>
    /// <param name="mode">Which unsafe calls are refused meanwhile; <see cref="StreamCaptureMode.ThreadLocal"/> by default.</param>
    public void BeginCapture(StreamCaptureMode mode = StreamCaptureMode.ThreadLocal)
    {
        nint handle = HandleFor(Context);
        Context.MakeCurrent();
        CudaException.Check(DriverApi.StreamBeginCapture(handle, mode), "cuStreamBeginCapture_v2");
    }

    /// <summary>Stops recording and returns the captured graph.</summary>
    /// <exception cref="CudaException">The capture was invalidated by an error or an unsafe call during it.</exception>
    public CudaGraph EndCapture()
    {
        nint handle = HandleFor(Context);
        Context.MakeCurrent();
        CudaException.Check(DriverApi.StreamEndCapture(handle, out nint graph), "cuStreamEndCapture");
        return new CudaGraph(Context, graph);
    }

    /// <summary>
    /// Records what <paramref name="record"/> queues on this stream into a graph. If <paramref name="record"/> throws,
    /// the capture is ended and discarded so the stream is usable again, and the exception propagates.
    /// </summary>
    public CudaGraph Capture(Action<CudaStream> record, StreamCaptureMode mode = StreamCaptureMode.ThreadLocal)
    {
        ArgumentNullException.ThrowIfNull(record);
        BeginCapture(mode);
        try
        {
            record(this);
        }
        catch
        {
            // Ending the capture is what returns the stream to normal; the partial graph is of no use.
            if (DriverApi.StreamEndCapture(_handle, out nint partial) == CudaError.Success && partial != 0)
                _ = DriverApi.GraphDestroy(partial);
            throw;
        }
        return EndCapture();
    }

    /// <summary>Destroys the stream; work already queued still completes. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        Context.MakeCurrent();
        _ = DriverApi.StreamDestroy(handle); // not checked: Dispose must not throw after a kernel fault
    }

    /// <inheritdoc/>
    public override string ToString() => $"CudaStream(device {Context.Device.Ordinal}{(IsNonBlocking ? ", non-blocking" : "")})";

    /// <summary>The handle, after checking the stream is alive and belongs to <paramref name="expected"/>.</summary>
    internal nint HandleFor(CudaContext expected) => ContextOwnership.Require(_handle, this, Context, expected);
}
