namespace FlashRnn.Cache;

/// <summary>
/// Running totals of a <see cref="KernelCache"/>: compilations and their time, disk and memory hits, and the list of
/// compile and disk events (memory hits are counted only, as they happen on every launch). Thread-safe.
/// </summary>
public sealed class CompileStatistics
{
    private readonly object _lock = new();
    private readonly List<KernelCacheEventArgs> _events = [];
    private long _memoryHits;

    /// <summary>Kernels compiled with NVRTC.</summary>
    public int Compiled { get { lock (_lock) return _events.Count(e => e.Source == KernelCacheSource.Compiled); } }

    /// <summary>Kernels read from the cache folder.</summary>
    public int DiskHits { get { lock (_lock) return _events.Count(e => e.Source == KernelCacheSource.Disk); } }

    /// <summary>Requests answered from memory.</summary>
    public long MemoryHits => Interlocked.Read(ref _memoryHits);

    /// <summary>Total NVRTC time of the kernels compiled by this cache.</summary>
    public TimeSpan TotalCompileTime
    {
        get
        {
            lock (_lock)
                return TimeSpan.FromTicks(_events.Where(e => e.Source == KernelCacheSource.Compiled).Sum(e => e.CompileTime.Ticks));
        }
    }

    /// <summary>The longest single NVRTC compilation (the product promises at most a second per kernel).</summary>
    public TimeSpan LongestCompileTime
    {
        get
        {
            lock (_lock)
                return _events.Where(e => e.Source == KernelCacheSource.Compiled).Select(e => e.CompileTime).DefaultIfEmpty().Max();
        }
    }

    /// <summary>A snapshot of the compile and disk events, oldest first.</summary>
    public IReadOnlyList<KernelCacheEventArgs> Events { get { lock (_lock) return _events.ToArray(); } }

    /// <inheritdoc/>
    public override string ToString()
        => $"{Compiled} compiled ({TotalCompileTime.TotalMilliseconds:F0} ms, longest {LongestCompileTime.TotalMilliseconds:F0} ms), "
           + $"{DiskHits} from disk, {MemoryHits} from memory";

    internal void Record(KernelCacheEventArgs e)
    {
        lock (_lock) _events.Add(e);
    }

    internal void RecordMemoryHit() => Interlocked.Increment(ref _memoryHits);
}
