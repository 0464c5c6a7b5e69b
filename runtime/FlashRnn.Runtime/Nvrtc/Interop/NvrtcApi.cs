using System.Runtime.InteropServices;
using FlashRnn.Native;

namespace FlashRnn.Nvrtc.Interop;

/// <summary>
/// The NVRTC functions the runtime uses, bound with source-generated <c>[LibraryImport]</c> stubs. The signatures
/// have been stable from NVRTC 11.2 to 13; <c>nvrtcGetCUBIN</c> and the supported-architecture queries need 11.2+.
/// </summary>
internal static unsafe partial class NvrtcApi
{
    private const string Lib = NativeLibraries.NvrtcImportName;

    static NvrtcApi() => NativeLibraries.RegisterResolver();

    [LibraryImport(Lib, EntryPoint = "nvrtcVersion")]
    internal static partial NvrtcResult Version(out int major, out int minor);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetErrorString")]
    internal static partial nint GetErrorString(NvrtcResult result);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetNumSupportedArchs")]
    internal static partial NvrtcResult GetNumSupportedArchs(out int count);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetSupportedArchs")]
    internal static partial NvrtcResult GetSupportedArchs(int* architectures);

    [LibraryImport(Lib, EntryPoint = "nvrtcCreateProgram", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NvrtcResult CreateProgram(out nint program, string source, string name, int headerCount,
        byte** headers, byte** includeNames);

    [LibraryImport(Lib, EntryPoint = "nvrtcDestroyProgram")]
    internal static partial NvrtcResult DestroyProgram(ref nint program);

    [LibraryImport(Lib, EntryPoint = "nvrtcCompileProgram")]
    internal static partial NvrtcResult CompileProgram(nint program, int optionCount, byte** options);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetProgramLogSize")]
    internal static partial NvrtcResult GetProgramLogSize(nint program, out nuint size);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetProgramLog")]
    internal static partial NvrtcResult GetProgramLog(nint program, byte* log);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetPTXSize")]
    internal static partial NvrtcResult GetPtxSize(nint program, out nuint size);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetPTX")]
    internal static partial NvrtcResult GetPtx(nint program, byte* ptx);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetCUBINSize")]
    internal static partial NvrtcResult GetCubinSize(nint program, out nuint size);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetCUBIN")]
    internal static partial NvrtcResult GetCubin(nint program, byte* cubin);
}
