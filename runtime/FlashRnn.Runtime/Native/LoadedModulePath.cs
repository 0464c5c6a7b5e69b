using System.Runtime.InteropServices;

namespace FlashRnn.Native;

/// <summary>
/// Finds the file a loaded library came from, so a user can see which of several installed CUDA versions the
/// runtime picked. Uses <c>dladdr</c> on Linux and <c>GetModuleFileNameW</c> on Windows, both reached through
/// function pointers so that nothing here needs its own library resolution.
/// </summary>
internal static unsafe class LoadedModulePath
{
    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public nint FileName;
        public nint FileBase;
        public nint SymbolName;
        public nint SymbolAddress;
    }

    /// <summary>The path of the module <paramref name="handle"/>, found through one of its exports; null if unknown.</summary>
    internal static string? Find(nint handle, nint exportAddress)
    {
        try
        {
            if (OperatingSystem.IsWindows()) return FromModuleHandle(handle);
            if (OperatingSystem.IsLinux()) return FromAddress(exportAddress);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // The path is a diagnostic nicety; a libc without dladdr must not stop CUDA from working.
        }
        return null;
    }

    private static string? FromAddress(nint address)
    {
        if (!NativeLibrary.TryLoad("libc.so.6", out nint libc) || !NativeLibrary.TryGetExport(libc, "dladdr", out nint dladdr))
            return null;
        DlInfo info = default;
        int found = ((delegate* unmanaged<nint, DlInfo*, int>)dladdr)(address, &info);
        return found != 0 && info.FileName != 0 ? Marshal.PtrToStringUTF8(info.FileName) : null;
    }

    private static string? FromModuleHandle(nint module)
    {
        if (!NativeLibrary.TryLoad("kernel32.dll", out nint kernel32)
            || !NativeLibrary.TryGetExport(kernel32, "GetModuleFileNameW", out nint getName))
            return null;
        var buffer = new char[32768]; // the longest path Windows allows
        fixed (char* chars = buffer)
        {
            uint length = ((delegate* unmanaged<nint, char*, uint, uint>)getName)(module, chars, (uint)buffer.Length);
            return length == 0 ? null : new string(chars, 0, (int)length);
        }
    }
}
