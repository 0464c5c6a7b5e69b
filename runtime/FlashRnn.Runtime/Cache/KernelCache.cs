using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;

namespace FlashRnn.Cache;

/// <summary>
/// Compiles each kernel once per machine: images are kept in memory and in a cache folder, keyed by a SHA-256 of the
/// source, the options, the NVRTC version and the target architecture. Safe to share between threads, and between
/// processes using the same folder (each writes whole files under a temporary name and renames them into place; a
/// file that fails its checksum is recompiled, never loaded). <see cref="GetKernel"/> also keeps the loaded module of
/// each kernel per context, so the launch path can call it on every launch.
/// </summary>
public sealed class KernelCache
{
    /// <summary>The environment variable that sets the cache folder of <see cref="Default"/>.</summary>
    public const string DirectoryEnvironmentVariable = "FLASHRNN_CACHE_DIR";

    private static readonly Lazy<KernelCache> s_default = new(() => new KernelCache(DefaultDirectory));

    private readonly IKernelCompiler _compiler;
    private readonly ConcurrentDictionary<string, Lazy<KernelImage>> _images = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(CudaContext Context, string Key), Lazy<CudaModule>> _modules = new();

    // The launch path's fast lane: a program instance (generated wrappers keep theirs in static fields) maps straight
    // to its loaded kernels, without hashing the source again. Weak, so programs created per call do not pile up.
    private readonly ConditionalWeakTable<KernelProgram, ConcurrentDictionary<(CudaContext Context, string EntryPoint), CudaKernel>> _kernels = new();

    // Program instances already handed to CompileInBackground: a caller that asks on every call (a training forward)
    // pays a table lookup after the first time, not a hash of the source.
    private readonly ConditionalWeakTable<KernelProgram, object> _requestedInBackground = new();

    /// <summary>Creates a cache over <paramref name="directory"/> (created when the first kernel is written).</summary>
    public KernelCache(string directory) : this(directory, NvrtcKernelCompiler.Instance) { }

    internal KernelCache(string directory, IKernelCompiler compiler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _compiler = compiler;
    }

    /// <summary>The process-wide cache over <see cref="DefaultDirectory"/>.</summary>
    public static KernelCache Default => s_default.Value;

    /// <summary>
    /// <c>FLASHRNN_CACHE_DIR</c> when set; otherwise <c>$XDG_CACHE_HOME/flashrnn</c> or <c>~/.cache/flashrnn</c> on
    /// Linux and macOS, and <c>%LOCALAPPDATA%\FlashRnn\kernels</c> on Windows.
    /// </summary>
    public static string DefaultDirectory => ResolveDirectory(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows());

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>Compile and hit counts and times.</summary>
    public CompileStatistics Statistics { get; } = new();

    /// <summary>Raised after each kernel is compiled or read from disk (not for memory hits), on the requesting thread.</summary>
    public event EventHandler<KernelCacheEventArgs>? KernelResolved;

    /// <summary>The compiled image of <paramref name="program"/> for <paramref name="target"/>, from memory, disk or NVRTC.</summary>
    /// <exception cref="NvrtcCompilationException">The program does not compile (nothing is cached; the next call retries).</exception>
    public KernelImage GetOrCompile(KernelProgram program, CompileTarget target)
    {
        ArgumentNullException.ThrowIfNull(program);
        return GetOrCompile(program, target, KeyOf(program, target), note: null);
    }

    /// <summary>
    /// The kernel <paramref name="entryPoint"/> of <paramref name="program"/>, compiled for the device of
    /// <paramref name="context"/> (default: <see cref="CudaContext.Default"/>) and loaded there once. The cache owns
    /// the module: do not dispose it (see <see cref="UnloadModules"/>).
    /// </summary>
    /// <exception cref="NvrtcCompilationException">The program does not compile.</exception>
    /// <exception cref="CudaException">The driver rejected the image or has no such kernel.</exception>
    public CudaKernel GetKernel(KernelProgram program, string entryPoint, CudaContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(entryPoint);
        context ??= CudaContext.Default;
        if (_kernels.TryGetValue(program, out var loaded) && loaded.TryGetValue((context, entryPoint), out CudaKernel? known)
            && !known.Module.IsDisposed)
        {
            Statistics.RecordMemoryHit();
            return known;
        }

        ComputeCapability device = context.Device.ComputeCapability;
        CompileTarget target = CompileTarget.ForArchitecture(device);
        string key = KeyOf(program, target);
        string? note = target.Kind == KernelImageKind.Ptx
            ? $"NVRTC {NvrtcCompiler.Version} cannot generate sm_{device.Number} code, so {target} is loaded through the driver's JIT"
            : null;

        Lazy<CudaModule> module = _modules.GetOrAdd((context, key), _ => new Lazy<CudaModule>(
            () => CudaModule.Load(GetOrCompile(program, target, key, note), context)));
        CudaKernel kernel;
        try
        {
            kernel = module.Value.GetKernel(entryPoint);
        }
        catch when (module.IsValueCreated is false)
        {
            // The load failed; forget it so that a later call tries again instead of rethrowing a cached failure.
            _modules.TryRemove(new KeyValuePair<(CudaContext, string), Lazy<CudaModule>>((context, key), module));
            throw;
        }
        _kernels.GetValue(program, _ => new())[(context, entryPoint)] = kernel;
        return kernel;
    }

    /// <summary>
    /// Starts compiling (or reading from disk) each of <paramref name="programs"/> for <paramref name="target"/> on
    /// the thread pool, all at once, and returns without waiting. A later <see cref="GetOrCompile(KernelProgram, CompileTarget)"/>
    /// or <see cref="GetKernel"/> of the same program waits for that work instead of starting its own. A training
    /// forward call uses this for its backward kernels, so a first training step compiles its kernels side by side
    /// instead of one after another. A program that fails to compile is not cached: the later synchronous request
    /// compiles it again and throws the error there. A program instance already loaded or already handed to this
    /// method is skipped without hashing its source, so calling this on every call is cheap.
    /// <see cref="KernelResolved"/> is raised on the pool thread.
    /// </summary>
    /// <returns>A task that completes when every program is resolved (faulted if one failed); callers may ignore it.</returns>
    public Task CompileInBackground(IEnumerable<KernelProgram> programs, CompileTarget target)
    {
        ArgumentNullException.ThrowIfNull(programs);
        var work = new List<Task>();
        foreach (KernelProgram program in programs)
        {
            ArgumentNullException.ThrowIfNull(program, nameof(programs));
            if (_kernels.TryGetValue(program, out _) || !_requestedInBackground.TryAdd(program, target)) continue;
            string key = KeyOf(program, target);
            if (_images.TryGetValue(key, out Lazy<KernelImage>? known) && known.IsValueCreated) continue;
            Task task = Task.Run(() => GetOrCompile(program, target, key, note: null));
            // Observed here so that an ignored failure never surfaces as an unobserved task exception.
            _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            work.Add(task);
        }
        return Task.WhenAll(work);
    }

    /// <summary>Forgets the images held in memory (the cache folder and loaded modules stay).</summary>
    public void ClearMemory() => _images.Clear();

    /// <summary>Unloads every module <see cref="GetKernel"/> loaded; kernels obtained from them become unusable.</summary>
    public void UnloadModules()
    {
        _kernels.Clear();
        foreach (var entry in _modules.ToArray())
        {
            if (_modules.TryRemove(entry) && entry.Value.IsValueCreated) entry.Value.Value.Dispose();
        }
    }

    /// <summary>The key of a compilation: SHA-256 of the compiler identity, target, options, name and source.</summary>
    internal string KeyOf(KernelProgram program, CompileTarget target)
        => KernelCacheKey.Compute(_compiler.Identity, program, target, _compiler.Options(program, target));

    /// <summary>The cache file of a key.</summary>
    internal string PathOf(string key) => Path.Combine(Directory, key + ".kernel");

    /// <summary>The default folder, given the environment (separate for tests).</summary>
    internal static string ResolveDirectory(Func<string, string?> environment, bool isWindows)
    {
        string? configured = environment(DirectoryEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured.Trim());
        if (isWindows)
        {
            string? localAppData = environment("LOCALAPPDATA");
            if (!string.IsNullOrWhiteSpace(localAppData)) return Path.Combine(localAppData, "FlashRnn", "kernels");
        }
        else
        {
            string? xdg = environment("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "flashrnn");
            string? home = environment("HOME");
            if (!string.IsNullOrWhiteSpace(home)) return Path.Combine(home, ".cache", "flashrnn");
        }
        return Path.Combine(Path.GetTempPath(), "flashrnn-kernels");
    }

    private KernelImage GetOrCompile(KernelProgram program, CompileTarget target, string key, string? note)
    {
        if (_images.TryGetValue(key, out Lazy<KernelImage>? known) && known.IsValueCreated)
        {
            Statistics.RecordMemoryHit();
            return known.Value;
        }
        // One resolution per key at a time in this process; other threads asking for it wait for that one.
        var created = new Lazy<KernelImage>(() => Resolve(program, target, key, note));
        Lazy<KernelImage> entry = _images.GetOrAdd(key, created);
        if (!ReferenceEquals(entry, created)) Statistics.RecordMemoryHit();
        try
        {
            return entry.Value;
        }
        catch
        {
            // A failed compilation is not cached: the caller may fix the cause (or the source) and retry.
            _images.TryRemove(new KeyValuePair<string, Lazy<KernelImage>>(key, entry));
            throw;
        }
    }

    private KernelImage Resolve(KernelProgram program, CompileTarget target, string key, string? note)
    {
        var stopwatch = Stopwatch.StartNew();
        string path = PathOf(key);
        KernelImage? image = KernelCacheFile.TryRead(path, key, out string? problem);
        if (image is not null)
        {
            Publish(new KernelCacheEventArgs(program.Name, key, KernelCacheSource.Disk, image.Target, image.CompileTime,
                stopwatch.Elapsed, path, note));
            return image;
        }

        image = _compiler.Compile(program, target);
        var notes = new List<string>();
        if (note is not null) notes.Add(note);
        if (problem is not null) notes.Add($"the cache file was unusable ({problem}) and was recompiled");
        try
        {
            KernelCacheFile.Write(path, key, image);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"the cache file could not be written ({e.Message}); the kernel will be compiled again next run");
        }
        Publish(new KernelCacheEventArgs(program.Name, key, KernelCacheSource.Compiled, image.Target, image.CompileTime,
            stopwatch.Elapsed, path, notes.Count == 0 ? null : string.Join("; ", notes)));
        return image;
    }

    private void Publish(KernelCacheEventArgs e)
    {
        Statistics.Record(e);
        KernelResolved?.Invoke(this, e);
    }
}
