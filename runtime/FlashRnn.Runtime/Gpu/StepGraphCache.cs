using FlashRnn.Cuda;

namespace FlashRnn.Gpu;

/// <summary>
/// The alternating kernels' T steps, captured once as a CUDA graph and replayed: one graph launch instead of 2T
/// kernel launches (about 1.1 µs per kernel node against 3.9 µs per launch, targets.md). A graph bakes in its
/// kernels' arguments, so it is keyed by every pointer and size it was recorded with; the stream-ordered pool hands
/// the same addresses back to a repeated call of the same shape, which then replays without capturing again.
/// </summary>
internal sealed class StepGraphCache
{
    private const int Capacity = 8;
    private readonly object _lock = new();
    private readonly LinkedList<(string Key, CudaGraphExec Graph)> _graphs = new();
    private readonly Dictionary<CudaContext, CudaStream> _streams = new();

    /// <summary>
    /// Replays the graph recorded under <paramref name="key"/> on <paramref name="stream"/> (null: a blocking stream
    /// of this cache's, which orders itself with the legacy default stream), recording it with
    /// <paramref name="record"/> first if there is none.
    /// </summary>
    public void Run(string key, CudaContext context, CudaStream? stream, Action<CudaStream> record)
    {
        CudaGraphExec? graph = Find(key);
        if (graph is null)
        {
            // A non-blocking stream: capturing on a blocking one would make every other thread's legacy-stream
            // operation (a synchronous copy, say) depend on the capture, which CUDA refuses
            // (CUDA_ERROR_STREAM_CAPTURE_IMPLICIT, seen with two GPU tests running at once).
            using var captureStream = new CudaStream(context, nonBlocking: true);
            using CudaGraph recorded = captureStream.Capture(record);
            graph = Add(key, recorded.Instantiate());
        }
        graph.Launch(stream ?? StreamFor(context));
    }

    private CudaGraphExec? Find(string key)
    {
        lock (_lock)
        {
            for (LinkedListNode<(string Key, CudaGraphExec Graph)>? node = _graphs.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                _graphs.Remove(node);
                _graphs.AddFirst(node);
                return node.Value.Graph;
            }
            return null;
        }
    }

    private CudaGraphExec Add(string key, CudaGraphExec graph)
    {
        lock (_lock)
        {
            _graphs.AddFirst((key, graph));
            while (_graphs.Count > Capacity)
            {
                // Freeing an instantiated graph is safe while a launch of it is in flight (the driver defers it).
                _graphs.Last!.Value.Graph.Dispose();
                _graphs.RemoveLast();
            }
            return graph;
        }
    }

    private CudaStream StreamFor(CudaContext context)
    {
        lock (_lock)
        {
            if (!_streams.TryGetValue(context, out CudaStream? stream))
                _streams[context] = stream = new CudaStream(context);
            return stream;
        }
    }
}
