using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Cache;

public sealed class KernelCacheTests : IDisposable
{
    private static readonly CompileTarget Target = CompileTarget.Ptx(new ComputeCapability(8, 0));
    private static readonly KernelProgram Program = TestKernels.VectorAdd;

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeCompiler _compiler = new();

    public void Dispose() => _directory.Dispose();

    private KernelCache NewCache(List<KernelCacheEventArgs>? events = null)
    {
        var cache = new KernelCache(_directory.Path, _compiler);
        if (events is not null) cache.KernelResolved += (_, e) => events.Add(e);
        return cache;
    }

    [Fact]
    public void The_second_request_is_answered_from_memory()
    {
        var events = new List<KernelCacheEventArgs>();
        KernelCache cache = NewCache(events);
        KernelImage first = cache.GetOrCompile(Program, Target);
        KernelImage second = cache.GetOrCompile(Program, Target);

        Assert.Same(first, second);
        Assert.Equal(1, _compiler.Compilations);
        KernelCacheEventArgs compiled = Assert.Single(events);
        Assert.Equal(KernelCacheSource.Compiled, compiled.Source);
        Assert.Equal(TimeSpan.FromMilliseconds(123), compiled.CompileTime);
        Assert.Equal(Target, compiled.Target);
        Assert.Null(compiled.Note);
        Assert.Equal((1, 0, 1L), (cache.Statistics.Compiled, cache.Statistics.DiskHits, cache.Statistics.MemoryHits));
        Assert.Equal(TimeSpan.FromMilliseconds(123), cache.Statistics.TotalCompileTime);
    }

    private static KernelProgram[] DistinctPrograms(int count) => Enumerable.Range(0, count)
        .Select(i => new KernelProgram($"k{i}.cu", $"extern \"C\" __global__ void k{i}() {{}}")).ToArray();

    [Fact]
    public async Task Background_compilations_run_side_by_side_and_later_requests_wait_for_them()
    {
        KernelProgram[] programs = DistinctPrograms(3);
        using var allStarted = new Barrier(programs.Length);
        // Each compilation waits until all three are running: one after another, the first would time out.
        _compiler.OnCompile = _ =>
        {
            if (!allStarted.SignalAndWait(TimeSpan.FromSeconds(20))) throw new TimeoutException("the compilations did not overlap");
        };
        KernelCache cache = NewCache();

        await cache.CompileInBackground(programs, Target);
        foreach (KernelProgram program in programs) cache.GetOrCompile(program, Target);

        Assert.Equal(3, _compiler.Compilations);
        Assert.Equal(3, cache.Statistics.Compiled);
    }

    [Fact]
    public async Task A_request_during_a_background_compilation_waits_for_it_instead_of_compiling_again()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        _compiler.OnCompile = _ =>
        {
            started.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(20));
        };
        KernelCache cache = NewCache();
        Task background = cache.CompileInBackground([Program], Target);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20), cancel);

        Task<KernelImage> request = Task.Run(() => cache.GetOrCompile(Program, Target), cancel);
        Task first = await Task.WhenAny(request, Task.Delay(100, cancel));
        Assert.NotSame(request, first);  // blocked on the background compilation
        release.Set();

        await request.WaitAsync(TimeSpan.FromSeconds(20), cancel);
        await background.WaitAsync(TimeSpan.FromSeconds(20), cancel);
        Assert.Equal(1, _compiler.Compilations);
    }

    [Fact]
    public async Task A_failed_background_compilation_is_not_cached_and_the_caller_sees_the_error()
    {
        _compiler.FailWith = _ => new InvalidOperationException("bad kernel");
        KernelCache cache = NewCache();

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.CompileInBackground([Program], Target));
        var error = Assert.Throws<InvalidOperationException>(() => cache.GetOrCompile(Program, Target));

        Assert.Equal("bad kernel", error.Message);
        Assert.Equal(2, _compiler.Compilations);  // compiled again, not a cached failure
    }

    [Fact]
    public async Task A_program_asked_for_again_in_the_background_is_not_compiled_again()
    {
        KernelCache cache = NewCache();
        await cache.CompileInBackground([Program], Target);
        Task again = cache.CompileInBackground([Program], Target);
        Assert.True(again.IsCompleted);
        await again;
        Assert.Equal(1, _compiler.Compilations);
    }

    [Fact]
    public async Task Programs_already_in_memory_are_not_compiled_again_in_the_background()
    {
        KernelCache cache = NewCache();
        cache.GetOrCompile(Program, Target);
        await cache.CompileInBackground([Program], Target);
        Assert.Equal(1, _compiler.Compilations);
    }

    [Fact]
    public void Another_cache_on_the_same_folder_reads_the_file_instead_of_compiling()
    {
        KernelImage compiled = NewCache().GetOrCompile(Program, Target);
        var events = new List<KernelCacheEventArgs>();
        KernelImage read = NewCache(events).GetOrCompile(Program, Target);

        Assert.Equal(1, _compiler.Compilations);
        Assert.Equal(compiled.Data.ToArray(), read.Data.ToArray());
        KernelCacheEventArgs hit = Assert.Single(events);
        Assert.Equal(KernelCacheSource.Disk, hit.Source);
        Assert.Equal(TimeSpan.FromMilliseconds(123), hit.CompileTime); // the original compile time travels with the file
        Assert.True(File.Exists(hit.CacheFile));
        Assert.Equal(_directory.Path, Path.GetDirectoryName(hit.CacheFile));
    }

    [Fact]
    public void A_corrupted_file_is_recompiled_and_rewritten_never_loaded()
    {
        KernelCache cache = NewCache();
        KernelImage good = cache.GetOrCompile(Program, Target);
        string path = cache.PathOf(cache.KeyOf(Program, Target));
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01; // one flipped bit in the image
        File.WriteAllBytes(path, bytes);

        var events = new List<KernelCacheEventArgs>();
        KernelImage again = NewCache(events).GetOrCompile(Program, Target);

        Assert.Equal(2, _compiler.Compilations);
        Assert.Equal(good.Data.ToArray(), again.Data.ToArray());
        KernelCacheEventArgs e = Assert.Single(events);
        Assert.Equal(KernelCacheSource.Compiled, e.Source);
        Assert.Contains("checksum mismatch", e.Note);
        Assert.NotNull(KernelCacheFile.TryRead(path, cache.KeyOf(Program, Target), out _)); // repaired on disk
    }

    [Fact]
    public void A_truncated_file_is_recompiled()
    {
        KernelCache cache = NewCache();
        cache.GetOrCompile(Program, Target);
        string path = cache.PathOf(cache.KeyOf(Program, Target));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var events = new List<KernelCacheEventArgs>();
        NewCache(events).GetOrCompile(Program, Target);

        Assert.Equal(2, _compiler.Compilations);
        Assert.Contains("truncated", Assert.Single(events).Note);
    }

    [Fact]
    public void A_new_compiler_version_invalidates_the_entry()
    {
        KernelCache before = NewCache();
        string oldKey = before.KeyOf(Program, Target);
        before.GetOrCompile(Program, Target);

        _compiler.Identity = "Fake NVRTC 2.0";
        KernelCache after = NewCache();
        after.GetOrCompile(Program, Target);

        Assert.Equal(2, _compiler.Compilations);
        Assert.NotEqual(oldKey, after.KeyOf(Program, Target));
        Assert.Equal(2, Directory.GetFiles(_directory.Path, "*.kernel").Length);
    }

    [Fact]
    public void A_changed_macro_option_or_target_is_a_different_entry()
    {
        KernelCache cache = NewCache();
        cache.GetOrCompile(TestKernels.Scale("2.0f"), Target);
        cache.GetOrCompile(TestKernels.Scale("3.0f"), Target);
        cache.GetOrCompile(new KernelProgram(Program.Name, Program.Source, options: ["-lineinfo"]), Target);
        cache.GetOrCompile(Program, Target);
        cache.GetOrCompile(Program, CompileTarget.Cubin(new ComputeCapability(8, 0)));
        cache.GetOrCompile(Program, CompileTarget.Ptx(new ComputeCapability(9, 0)));

        Assert.Equal(6, _compiler.Compilations);
        Assert.Equal(6, Directory.GetFiles(_directory.Path, "*.kernel").Length);
    }

    [Fact]
    public void A_failed_compilation_is_not_cached()
    {
        _compiler.FailWith = _ => new InvalidOperationException("first attempt fails");
        KernelCache cache = NewCache();
        Assert.Throws<InvalidOperationException>(() => cache.GetOrCompile(Program, Target));
        Assert.Empty(Directory.GetFiles(_directory.Path));

        _compiler.FailWith = _ => null;
        cache.GetOrCompile(Program, Target);
        Assert.Equal(2, _compiler.Compilations);
    }

    [Fact]
    public void Concurrent_requests_in_one_process_compile_once()
    {
        KernelCache cache = NewCache();
        KernelImage[] images = new KernelImage[16];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => images[i] = cache.GetOrCompile(Program, Target));

        Assert.Equal(1, _compiler.Compilations);
        Assert.All(images, image => Assert.Same(images[0], image));
        Assert.Equal(15, cache.Statistics.MemoryHits);
    }

    [Fact]
    public void An_unwritable_folder_still_returns_the_kernel_and_says_why_it_was_not_cached()
    {
        string blocker = Path.Combine(_directory.Path, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var events = new List<KernelCacheEventArgs>();
        var cache = new KernelCache(blocker, _compiler);
        cache.KernelResolved += (_, e) => events.Add(e);

        KernelImage image = cache.GetOrCompile(Program, Target);

        Assert.NotNull(image);
        Assert.Contains("could not be written", Assert.Single(events).Note);
    }

    [Fact]
    public void The_folder_comes_from_FLASHRNN_CACHE_DIR_else_the_per_user_cache()
    {
        Func<string, string?> Env(params (string Name, string Value)[] vars) => name => vars.FirstOrDefault(v => v.Name == name).Value;

        string configured = Path.Combine(_directory.Path, "kernels");
        Assert.Equal(configured, KernelCache.ResolveDirectory(Env(("FLASHRNN_CACHE_DIR", configured), ("HOME", "/home/u")), false));
        Assert.Equal(Path.Combine("/xdg", "flashrnn"), KernelCache.ResolveDirectory(Env(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")), false));
        Assert.Equal(Path.Combine("/home/u", ".cache", "flashrnn"), KernelCache.ResolveDirectory(Env(("HOME", "/home/u")), false));
        Assert.Equal(Path.Combine(@"C:\Users\u\AppData\Local", "FlashRnn", "kernels"),
            KernelCache.ResolveDirectory(Env(("LOCALAPPDATA", @"C:\Users\u\AppData\Local")), true));
    }

    [Fact]
    public void NVRTC_compiles_once_then_the_disk_answers()
    {
        Requires.Nvrtc();
        var events = new List<KernelCacheEventArgs>();
        var first = new KernelCache(_directory.Path);
        first.KernelResolved += (_, e) => events.Add(e);
        KernelImage compiled = first.GetOrCompile(TestKernels.VectorAdd, Target);

        var second = new KernelCache(_directory.Path);
        second.KernelResolved += (_, e) => events.Add(e);
        KernelImage read = second.GetOrCompile(TestKernels.VectorAdd, Target);

        Assert.Equal([KernelCacheSource.Compiled, KernelCacheSource.Disk], events.Select(e => e.Source));
        Assert.Equal(compiled.Data.ToArray(), read.Data.ToArray());
        Assert.True(events[0].CompileTime > TimeSpan.Zero);
        Assert.Equal(events[0].CompileTime, events[1].CompileTime);
        Assert.Contains(".entry vector_add(", read.PtxText);
    }
}
