using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// Work captured from a stream (<see cref="CudaStream.EndCapture"/>). Instantiate it once and replay the
/// <see cref="CudaGraphExec"/> many times: a replayed launch costs about a microsecond instead of several.
/// </summary>
public sealed class CudaGraph : IDisposable
{
    private nint _handle;

    internal CudaGraph(CudaContext context, nint handle)
    {
        Context = context;
        _handle = handle;
    }

    /// <summary>The context the graph was captured in.</summary>
    public CudaContext Context { get; }

    /// <summary>Makes an executable graph that can be launched repeatedly; this graph may be disposed afterwards.</summary>
    /// <exception cref="CudaException">The graph cannot be instantiated (for example an invalid launch in it).</exception>
    public CudaGraphExec Instantiate()
    {
        if (_handle == 0) throw new ObjectDisposedException(ToString());
        Context.MakeCurrent();
        CudaException.Check(DriverApi.GraphInstantiateWithFlags(out nint exec, _handle, 0), "cuGraphInstantiateWithFlags");
        return new CudaGraphExec(Context, exec);
    }

    /// <summary>Destroys the graph (executable graphs made from it stay valid).</summary>
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        Context.MakeCurrent();
        _ = DriverApi.GraphDestroy(handle); // not checked: Dispose must not throw after a kernel fault
    }

    /// <inheritdoc/>
    public override string ToString() => $"CudaGraph(device {Context.Device.Ordinal})";
}
