using System.Runtime.InteropServices;
using System.Text;

namespace FlashRnn.Gen.Language.Tests.Support;

/// <summary>
/// Just enough of NVRTC to compile CUDA source to PTX and read the log: no GPU needed. Null when the library is not
/// installed (CI installs libnvrtc 11.8; see .ci/run).
/// </summary>
internal sealed class NvrtcCompiler
{
    private delegate int CreateProgram(out IntPtr program, string source, string name, int headers, IntPtr headerSources, IntPtr headerNames);
    private delegate int CompileProgram(IntPtr program, int count, string[] options);
    private delegate int GetLogSize(IntPtr program, out UIntPtr size);
    private delegate int GetLog(IntPtr program, byte[] log);
    private delegate int DestroyProgram(ref IntPtr program);

    private readonly CreateProgram _create;
    private readonly CompileProgram _compile;
    private readonly GetLogSize _logSize;
    private readonly GetLog _log;
    private readonly DestroyProgram _destroy;

    private NvrtcCompiler(IntPtr library)
    {
        T Export<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
        _create = Export<CreateProgram>("nvrtcCreateProgram");
        _compile = Export<CompileProgram>("nvrtcCompileProgram");
        _logSize = Export<GetLogSize>("nvrtcGetProgramLogSize");
        _log = Export<GetLog>("nvrtcGetProgramLog");
        _destroy = Export<DestroyProgram>("nvrtcDestroyProgram");
    }

    public static NvrtcCompiler? TryLoad()
    {
        foreach (string name in new[] { "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so" })
        {
            if (NativeLibrary.TryLoad(name, out IntPtr library)) return new NvrtcCompiler(library);
        }
        return null;
    }

    /// <summary>Compiles <paramref name="source"/>; returns null on success, else the error code and log.</summary>
    public string? CompileError(string source, params string[] options)
    {
        int status = _create(out IntPtr program, source, "printed.cu", 0, IntPtr.Zero, IntPtr.Zero);
        if (status != 0) return "nvrtcCreateProgram failed with " + status;
        try
        {
            status = _compile(program, options.Length, options);
            if (status == 0) return null;
            _logSize(program, out UIntPtr size);
            var log = new byte[(int)size];
            _log(program, log);
            return $"nvrtcCompileProgram failed with {status}:\n{Encoding.UTF8.GetString(log).TrimEnd('\0')}";
        }
        finally
        {
            _destroy(ref program);
        }
    }
}
