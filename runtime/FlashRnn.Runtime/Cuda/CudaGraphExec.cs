using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>An instantiated graph, launched as a whole on a stream (<c>cuGraphLaunch</c>).</summary>
public sealed class CudaGraphExec : IDisposable
{
    private nint _handle;

    internal CudaGraphExec(CudaContext context, nint handle)
    {
        Context = context;
        _handle = handle;
    }

    /// <summary>The context the graph runs in.</summary>
    public CudaContext Context { get; }

    /// <summary>Queues one replay of the whole graph on <paramref name="stream"/>.</summary>
    public void Launch(CudaStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (_handle == 0) throw new ObjectDisposedException(ToString());
        nint streamHandle = stream.HandleFor(Context);
        Context.MakeCurrent();
        CudaException.Check(DriverApi.GraphLaunch(_handle, streamHandle), "cuGraphLaunch");
    }

    /// <summary>Destroys the executable graph. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        Context.MakeCurrent();
        _ = DriverApi.GraphExecDestroy(handle); // not checked: Dispose must not throw after a kernel fault
    }

    /// <inheritdoc/>
    public override string ToString() => $"CudaGraphExec(device {Context.Device.Ordinal})";
}
