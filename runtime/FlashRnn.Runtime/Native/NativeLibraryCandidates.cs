using System.Runtime.InteropServices;

namespace FlashRnn.Native;

/// <summary>
/// The names and files the runtime tries, in order, for the CUDA driver and for NVRTC. Bare names go through the
/// operating system's own search (LD_LIBRARY_PATH, the ldconfig cache, PATH on Windows); files in the CUDA toolkit
/// folders come after them because a toolkit installed outside the loader's path (the usual case on Linux) would
/// otherwise never be found.
/// </summary>
internal static class NativeLibraryCandidates
{
    /// <summary>Environment variable naming the CUDA driver library to use instead of the search.</summary>
    internal const string CudaDriverOverride = "FLASHRNN_CUDA_LIBRARY";

    /// <summary>Environment variable naming the NVRTC library to use instead of the search.</summary>
    internal const string NvrtcOverride = "FLASHRNN_NVRTC_LIBRARY";

    // NVRTC keeps one soname per major version (11.2 covers every 11.x from 11.2 on); newest first, so the newest
    // installed compiler wins and can target the newest GPUs.
    private static readonly string[] s_linuxNvrtcNames = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2"];
    private static readonly string[] s_windowsNvrtcNames = ["nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll"];

    /// <summary>Candidates for the CUDA driver API library.</summary>
    internal static IReadOnlyList<string> ForCudaDriver(bool isWindows, Func<string, string?> environment)
    {
        var list = new List<string>();
        AddOverride(list, environment(CudaDriverOverride));
        // The driver ships with the GPU driver, not the toolkit, so it is always on the loader's path. libcuda.so
        // without a version is tried last: on some systems it is only the toolkit's link-time stub, which cuInit
        // rejects with CUDA_ERROR_STUB_LIBRARY.
        list.AddRange(isWindows ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"]);
        return list;
    }

    /// <summary>Candidates for NVRTC.</summary>
    internal static IReadOnlyList<string> ForNvrtc(bool isWindows, Func<string, string?> environment,
        Func<string, bool> directoryExists)
    {
        var list = new List<string>();
        AddOverride(list, environment(NvrtcOverride));
        string[] names = isWindows ? s_windowsNvrtcNames : s_linuxNvrtcNames;
        list.AddRange(names);
        foreach (string dir in ToolkitLibraryFolders(isWindows, environment))
        {
            if (!directoryExists(dir)) continue;
            foreach (string name in names) list.Add(Path.Combine(dir, name));
        }
        if (!isWindows) list.Add("libnvrtc.so");
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> ToolkitLibraryFolders(bool isWindows, Func<string, string?> environment)
    {
        var roots = new List<string>();
        foreach (string variable in new[] { "CUDA_PATH", "CUDA_HOME" })
        {
            string? root = environment(variable);
            if (!string.IsNullOrWhiteSpace(root)) roots.Add(root);
        }
        if (!isWindows) roots.Add("/usr/local/cuda");

        string targetFolder = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "sbsa-linux" : "x86_64-linux";
        foreach (string root in roots.Distinct(StringComparer.Ordinal))
        {
            if (isWindows)
            {
                // CUDA 13 moved the DLLs from bin\ to bin\x64\.
                yield return Path.Combine(root, "bin", "x64");
                yield return Path.Combine(root, "bin");
            }
            else
            {
                yield return Path.Combine(root, "lib64");
                yield return Path.Combine(root, "targets", targetFolder, "lib");
            }
        }
    }

    private static void AddOverride(List<string> list, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) list.Add(value.Trim());
    }
}
