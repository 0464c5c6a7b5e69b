using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using FlashRnn.Native;
using FlashRnn.Nvrtc.Interop;

namespace FlashRnn.Nvrtc;

/// <summary>
/// Compiles CUDA C++ to PTX or CUBIN with NVRTC, the CUDA toolkit's runtime compiler. Needs no GPU. Thread-safe:
/// every compilation is its own NVRTC program. Most callers go through <see cref="Cache.KernelCache"/>, which
/// compiles each kernel once per machine.
/// </summary>
public static class NvrtcCompiler
{
    private static readonly Lazy<Version> s_version = new(ReadVersion);
    private static readonly Lazy<IReadOnlyList<int>> s_supported = new(ReadSupportedArchitectures);
    private static readonly Lazy<string> s_identity = new(() =>
        $"NVRTC {Version} ({Path.GetFileName(Library.ResolvedPath ?? Library.LoadedName ?? "unknown")})");

    /// <summary>How the NVRTC library was resolved.</summary>
    public static NativeLibraryStatus Library => NativeLibraries.Nvrtc;

    /// <summary>Whether NVRTC loaded. Never throws.</summary>
    public static bool IsAvailable => Library.IsLoaded;

    /// <summary>NVRTC's version (major.minor), for example 12.8.</summary>
    /// <exception cref="NativeLibraryNotFoundException">NVRTC is not installed.</exception>
    public static Version Version => s_version.Value;

    /// <summary>The architecture numbers NVRTC can generate CUBINs for (for example 75, 80, ..., 90), ascending.</summary>
    /// <exception cref="NativeLibraryNotFoundException">NVRTC is not installed.</exception>
    public static IReadOnlyList<int> SupportedArchitectures => s_supported.Value;

    /// <summary>
    /// Identifies the compiler in kernel cache keys: the version and the library's file name, which on Linux carries
    /// the full release (for example <c>NVRTC 11.8 (libnvrtc.so.11.8.89)</c>).
    /// </summary>
    public static string Identity => s_identity.Value;

    /// <summary>Compiles <paramref name="program"/> for <paramref name="target"/>.</summary>
    /// <exception cref="NvrtcCompilationException">The source or options were rejected; the log says why.</exception>
    /// <exception cref="NativeLibraryNotFoundException">NVRTC is not installed.</exception>
    public static unsafe KernelImage Compile(KernelProgram program, CompileTarget target)
    {
        ArgumentNullException.ThrowIfNull(program);
        NativeLibraries.RequireNvrtc();
        IReadOnlyList<string> options = BuildOptions(program, target);
        var stopwatch = Stopwatch.StartNew();

        NvrtcException.Check(NvrtcApi.CreateProgram(out nint handle, program.Source, program.Name, 0, null, null),
            "nvrtcCreateProgram", $"for kernel '{program.Name}'");
        try
        {
            NvrtcResult result = CompileWithOptions(handle, options);
            string log = ReadLog(handle, program.Name);
            if (result != NvrtcResult.Success)
                throw new NvrtcCompilationException(program.Name, result, log, options);
            byte[] image = target.Kind == KernelImageKind.Cubin ? ReadCubin(handle, program.Name) : ReadPtx(handle, program.Name);
            return new KernelImage(program.Name, target, image, log, stopwatch.Elapsed);
        }
        finally
        {
            _ = NvrtcApi.DestroyProgram(ref handle);
        }
    }

    /// <summary>
    /// The full NVRTC option list for a program: the target architecture, <c>-default-device</c> (functions without
    /// an execution-space annotation are device code, so generated helpers need no <c>__device__</c>),
    /// <c>--std=c++17</c>, the program's macros in order, then its extra options. (<c>-minimal</c>, NVRTC 12.4+, was
    /// measured and left out: it did not shorten these compilations, bench/results/gpu-run-19.)
    /// </summary>
    public static IReadOnlyList<string> BuildOptions(KernelProgram program, CompileTarget target)
    {
        ArgumentNullException.ThrowIfNull(program);
        var options = new List<string> { target.GpuArchitectureOption, "-default-device", "--std=c++17" };
        foreach (var (name, value) in program.Defines)
            options.Add(value is null ? $"-D{name}" : $"-D{name}={value}");
        options.AddRange(program.Options);
        return options;
    }

    private static unsafe NvrtcResult CompileWithOptions(nint handle, IReadOnlyList<string> options)
    {
        var utf8 = new nint[options.Count];
        try
        {
            for (int i = 0; i < utf8.Length; i++) utf8[i] = Marshal.StringToCoTaskMemUTF8(options[i]);
            fixed (nint* pointers = utf8)
                return NvrtcApi.CompileProgram(handle, utf8.Length, (byte**)pointers);
        }
        finally
        {
            foreach (nint p in utf8) Marshal.FreeCoTaskMem(p);
        }
    }

    private static unsafe string ReadLog(nint handle, string name)
    {
        byte[] log = ReadOutput(handle, name, NvrtcApi.GetProgramLogSize, NvrtcApi.GetProgramLog, "nvrtcGetProgramLog");
        return Encoding.UTF8.GetString(log).TrimEnd('\0').Trim();
    }

    private static unsafe byte[] ReadPtx(nint handle, string name)
        => ReadOutput(handle, name, NvrtcApi.GetPtxSize, NvrtcApi.GetPtx, "nvrtcGetPTX");

    private static unsafe byte[] ReadCubin(nint handle, string name)
        => ReadOutput(handle, name, NvrtcApi.GetCubinSize, NvrtcApi.GetCubin, "nvrtcGetCUBIN");

    private delegate NvrtcResult SizeQuery(nint program, out nuint size);

    private unsafe delegate NvrtcResult CopyOut(nint program, byte* destination);

    /// <summary>Reads one of NVRTC's outputs (log, PTX, CUBIN): ask its size, then copy it into a buffer of that size.</summary>
    private static unsafe byte[] ReadOutput(nint handle, string name, SizeQuery size, CopyOut copy, string call)
    {
        NvrtcException.Check(size(handle, out nuint length), call + "Size", $"for kernel '{name}'");
        var output = new byte[(int)length];
        fixed (byte* destination = output)
            NvrtcException.Check(copy(handle, destination), call, $"for kernel '{name}'");
        return output;
    }

    private static Version ReadVersion()
    {
        NativeLibraries.RequireNvrtc();
        NvrtcException.Check(NvrtcApi.Version(out int major, out int minor), "nvrtcVersion", "while reading the version");
        return new Version(major, minor);
    }

    private static unsafe IReadOnlyList<int> ReadSupportedArchitectures()
    {
        NativeLibraries.RequireNvrtc();
        NvrtcException.Check(NvrtcApi.GetNumSupportedArchs(out int count), "nvrtcGetNumSupportedArchs", "while listing architectures");
        var architectures = new int[count];
        fixed (int* p = architectures)
            NvrtcException.Check(NvrtcApi.GetSupportedArchs(p), "nvrtcGetSupportedArchs", "while listing architectures");
        Array.Sort(architectures);
        return architectures;
    }
}
