using FlashRnn.Cuda;
using FlashRnn.Native;
using FlashRnn.Nvrtc;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Cpu;

public class NativeLibraryTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        => name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Linux_NVRTC_search_tries_the_newest_soname_first_then_toolkit_folders()
    {
        IReadOnlyList<string> candidates = NativeLibraryCandidates.ForNvrtc(isWindows: false,
            Environment(("CUDA_PATH", "/opt/cuda")), directoryExists: dir => dir == Path.Combine("/opt/cuda", "lib64"));

        Assert.Equal(["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2"], candidates.Take(3));
        Assert.Equal(Path.Combine("/opt/cuda", "lib64", "libnvrtc.so.13"), candidates[3]);
        Assert.Equal(Path.Combine("/opt/cuda", "lib64", "libnvrtc.so.11.2"), candidates[5]);
        Assert.Equal("libnvrtc.so", candidates[^1]);
        Assert.DoesNotContain(candidates, c => c.Contains("targets", StringComparison.Ordinal)); // folder absent
    }

    [Fact]
    public void Windows_NVRTC_search_uses_the_versioned_dll_names_and_CUDA_PATH_bin_x64_before_bin()
    {
        IReadOnlyList<string> candidates = NativeLibraryCandidates.ForNvrtc(isWindows: true,
            Environment(("CUDA_PATH", @"C:\CUDA")), directoryExists: _ => true);

        Assert.Equal(["nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll"], candidates.Take(3));
        int x64 = candidates.ToList().IndexOf(Path.Combine(@"C:\CUDA", "bin", "x64", "nvrtc64_130_0.dll"));
        int bin = candidates.ToList().IndexOf(Path.Combine(@"C:\CUDA", "bin", "nvrtc64_130_0.dll"));
        Assert.True(x64 > 0 && bin > x64);
    }

    [Fact]
    public void An_override_variable_is_tried_first()
    {
        Assert.Equal("/my/libnvrtc.so", NativeLibraryCandidates.ForNvrtc(false,
            Environment(("FLASHRNN_NVRTC_LIBRARY", "/my/libnvrtc.so")), _ => false)[0]);
        Assert.Equal(["/my/libcuda.so", "libcuda.so.1", "libcuda.so"], NativeLibraryCandidates.ForCudaDriver(false,
            Environment(("FLASHRNN_CUDA_LIBRARY", "/my/libcuda.so"))));
        Assert.Equal(["nvcuda.dll"], NativeLibraryCandidates.ForCudaDriver(true, Environment()));
    }

    [Fact]
    public void A_missing_library_reports_every_candidate_with_the_loaders_reason()
    {
        NativeLibraryStatus status = NativeLibraryLoader.Load("Test library",
            ["libflashrnn-missing-test.so.1", Path.Combine(Path.GetTempPath(), "no-such-folder", "libx.so")], "x");

        Assert.False(status.IsLoaded);
        Assert.Null(status.Path);
        Assert.Equal(2, status.Attempts.Count);
        Assert.StartsWith("libflashrnn-missing-test.so.1 (", status.Attempts[0]);

        var e = new NativeLibraryNotFoundException(status, "Install it.");
        Assert.Contains("Test library could not be loaded", e.Message);
        Assert.Contains("libflashrnn-missing-test.so.1", e.Message);
        Assert.Contains("no-such-folder", e.Message);
        Assert.EndsWith("Install it.", e.Message);
        Assert.IsAssignableFrom<DllNotFoundException>(e);
    }

    [Fact]
    public void A_library_without_the_expected_export_is_skipped()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "uses glibc's libc.so.6 as a library that is not CUDA");
        NativeLibraryStatus status = NativeLibraryLoader.Load("CUDA driver", ["libc.so.6"], "cuInit");
        Assert.False(status.IsLoaded);
        Assert.Equal("libc.so.6 (loaded, but it does not export cuInit)", Assert.Single(status.Attempts));
    }

    [Fact]
    public void NVRTC_resolves_with_its_path_and_version()
    {
        Requires.Nvrtc();
        NativeLibraryStatus nvrtc = NativeLibraries.Nvrtc;
        Assert.True(nvrtc.IsLoaded);
        Assert.NotNull(nvrtc.LoadedName);
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(nvrtc.Path);
            Assert.True(File.Exists(nvrtc.ResolvedPath), $"{nvrtc.ResolvedPath} should exist");
            Assert.Contains("libnvrtc", nvrtc.ResolvedPath);
        }
        Assert.True(NvrtcCompiler.Version >= new Version(11, 2), $"NVRTC {NvrtcCompiler.Version}");
        Assert.StartsWith($"NVRTC {NvrtcCompiler.Version} (", NvrtcCompiler.Identity);
    }

    [Fact]
    public void Device_availability_never_throws_and_explains_itself()
    {
        bool available = CudaDevice.IsAvailable;
        string? reason = CudaDevice.UnavailableReason;
        Assert.Equal(available, reason is null);
        if (!NativeLibraries.Cuda.IsLoaded)
        {
            Assert.False(CudaDriver.IsAvailable);
            Assert.Contains("libcuda.so.1", reason ?? "");
            var e = Assert.Throws<NativeLibraryNotFoundException>(() => CudaDevice.Count);
            Assert.Contains("FLASHRNN_CUDA_LIBRARY", e.Message);
        }
    }
}
