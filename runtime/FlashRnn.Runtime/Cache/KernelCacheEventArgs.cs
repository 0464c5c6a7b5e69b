using FlashRnn.Nvrtc;

namespace FlashRnn.Cache;

/// <summary>Where a kernel image came from.</summary>
public enum KernelCacheSource
{
    /// <summary>Compiled now with NVRTC (first use on this machine, or the cache file was unusable).</summary>
    Compiled,
    /// <summary>Read from the cache folder, compiled by an earlier run or another process.</summary>
    Disk,
}

/// <summary>
/// One kernel resolved by a <see cref="KernelCache"/> from disk or by compiling (memory hits are only counted, in
/// <see cref="CompileStatistics.MemoryHits"/>). The benchmark reads these to report first-call compile time.
/// </summary>
public sealed class KernelCacheEventArgs : EventArgs
{
    internal KernelCacheEventArgs(string kernelName, string key, KernelCacheSource source, CompileTarget target,
        TimeSpan compileTime, TimeSpan elapsed, string cacheFile, string? note)
    {
        KernelName = kernelName;
        Key = key;
        Source = source;
        Target = target;
        CompileTime = compileTime;
        Elapsed = elapsed;
        CacheFile = cacheFile;
        Note = note;
    }

    /// <summary>The program's name.</summary>
    public string KernelName { get; }

    /// <summary>The cache key (SHA-256, hex).</summary>
    public string Key { get; }

    /// <summary>Compiled now or read from disk.</summary>
    public KernelCacheSource Source { get; }

    /// <summary>What the image targets; <see cref="KernelImageKind.Ptx"/> means the driver JIT-compiles it on load.</summary>
    public CompileTarget Target { get; }

    /// <summary>NVRTC's time for this kernel (for a disk hit: the time it took when it was compiled).</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Wall time of this resolution: the compile and the cache write, or the cache read.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The cache file.</summary>
    public string CacheFile { get; }

    /// <summary>Anything worth knowing: why PTX was chosen, why a cache file was rejected, why it could not be written.</summary>
    public string? Note { get; }

    /// <inheritdoc/>
    public override string ToString()
        => $"{KernelName}: {(Source == KernelCacheSource.Compiled ? $"compiled in {CompileTime.TotalMilliseconds:F0} ms" : $"read from disk in {Elapsed.TotalMilliseconds:F1} ms")} ({Target})"
           + (Note is null ? "" : $"; {Note}");
}
