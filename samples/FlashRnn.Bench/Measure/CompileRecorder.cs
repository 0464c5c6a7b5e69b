using System.Collections.Concurrent;
using System.Diagnostics;
using FlashRnn.Cache;
using FlashRnn.Nvrtc;

namespace FlashRnn.Bench.Measure;

/// <summary>What compiling ahead did: wall time, programs, NVRTC time, and the programs that failed.</summary>
internal sealed record PrecompileSummary(double WallMs, int Programs, int Compiled, int FromDisk, double NvrtcMs, double LongestMs,
    IReadOnlyList<string> Failed);

/// <summary>Kernel compilations a configuration paid for: compiled now, read from the disk cache, or already in memory.</summary>
internal sealed record CompileCharge(int Compiled, int FromDisk, int FromMemory, double NvrtcMs, IReadOnlyList<string> Programs);

/// <summary>
/// Listens to the kernel cache and charges each compilation or disk read to the first configuration that needs the
/// program: either from the parallel ahead-of-time pass (<see cref="Precompile"/>, attributed per program) or from
/// the events raised during the configuration's own first call.
/// </summary>
internal sealed class CompileRecorder : IDisposable
{
    [ThreadStatic] private static KernelProgram? t_resolving;

    private readonly KernelCache _cache;
    private readonly ConcurrentDictionary<KernelProgram, KernelCacheEventArgs> _ahead = new();
    private readonly ConcurrentQueue<KernelCacheEventArgs> _unattributed = new();
    private readonly HashSet<KernelProgram> _charged = [];

    public CompileRecorder(KernelCache cache)
    {
        _cache = cache;
        _cache.KernelResolved += OnResolved;
    }

    /// <summary>Compiles (or reads from disk) every program on all cores, as the kernel tests' warm-up does.</summary>
    public PrecompileSummary Precompile(IReadOnlyCollection<KernelProgram> programs, CompileTarget target)
    {
        var failed = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(programs, program =>
        {
            t_resolving = program;
            try
            {
                _cache.GetOrCompile(program, target);
            }
            catch (NvrtcException e)
            {
                // The configuration's own call compiles it again and reports NVRTC's log there.
                failed.Add($"{program.Name}: {e.Message.Split('\n')[0]}");
            }
            finally
            {
                t_resolving = null;
            }
        });
        KernelCacheEventArgs[] events = programs.Select(p => _ahead.GetValueOrDefault(p)).OfType<KernelCacheEventArgs>().ToArray();
        KernelCacheEventArgs[] compiled = events.Where(e => e.Source == KernelCacheSource.Compiled).ToArray();
        return new PrecompileSummary(clock.Elapsed.TotalMilliseconds, programs.Count, compiled.Length,
            events.Count(e => e.Source == KernelCacheSource.Disk), compiled.Sum(e => e.CompileTime.TotalMilliseconds),
            compiled.Select(e => e.CompileTime.TotalMilliseconds).DefaultIfEmpty().Max(), failed.Order().ToArray());
    }

    /// <summary>
    /// Charges to a configuration its programs resolved ahead and not yet charged, and every event raised since the
    /// last charge (its first call's own compilations); its other programs count as memory hits.
    /// </summary>
    public CompileCharge Charge(IReadOnlyList<KernelProgram> programs)
    {
        var events = new List<KernelCacheEventArgs>();
        var names = new List<string>();
        int fromMemory = 0;
        foreach (KernelProgram program in programs)
        {
            names.Add(program.Name);
            if (_ahead.TryGetValue(program, out KernelCacheEventArgs? ahead) && _charged.Add(program)) events.Add(ahead);
            else fromMemory++;
        }
        while (_unattributed.TryDequeue(out KernelCacheEventArgs? own))
        {
            events.Add(own);
            if (!names.Contains(own.KernelName)) names.Add(own.KernelName);
            else fromMemory = Math.Max(0, fromMemory - 1); // listed, but its first call resolved it after all
        }
        return new CompileCharge(
            events.Count(e => e.Source == KernelCacheSource.Compiled),
            events.Count(e => e.Source == KernelCacheSource.Disk),
            fromMemory,
            events.Where(e => e.Source == KernelCacheSource.Compiled).Sum(e => e.CompileTime.TotalMilliseconds),
            names);
    }

    /// <summary>Forgets events raised outside any configuration's first call (e.g. by a failed configuration).</summary>
    public void DiscardUnattributed()
    {
        while (_unattributed.TryDequeue(out _)) { }
    }

    public void Dispose() => _cache.KernelResolved -= OnResolved;

    private void OnResolved(object? sender, KernelCacheEventArgs e)
    {
        if (t_resolving is { } program) _ahead[program] = e;
        else _unattributed.Enqueue(e);
    }
}
