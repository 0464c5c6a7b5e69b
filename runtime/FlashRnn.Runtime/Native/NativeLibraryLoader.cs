using System.Runtime.InteropServices;

namespace FlashRnn.Native;

/// <summary>Tries candidates in order and keeps the first that loads and exports the expected function.</summary>
internal static class NativeLibraryLoader
{
    /// <summary>
    /// Loads the first of <paramref name="candidates"/> that exports <paramref name="requiredExport"/>. A library that
    /// loads but lacks the export (an unrelated file with a matching name) is released and the search goes on.
    /// </summary>
    internal static NativeLibraryStatus Load(string library, IReadOnlyList<string> candidates, string requiredExport)
    {
        var attempts = new List<string>();
        foreach (string candidate in candidates)
        {
            nint handle;
            try
            {
                handle = NativeLibrary.Load(candidate);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                attempts.Add($"{candidate} ({LoaderReason(e)})");
                continue;
            }

            if (!NativeLibrary.TryGetExport(handle, requiredExport, out nint export))
            {
                attempts.Add($"{candidate} (loaded, but it does not export {requiredExport})");
                NativeLibrary.Free(handle);
                continue;
            }
            return new NativeLibraryStatus(library, handle, candidate, LoadedModulePath.Find(handle, export), attempts);
        }
        return new NativeLibraryStatus(library, 0, null, null, attempts);
    }

    // .NET's message is a paragraph of advice followed by the loader's own line (dlerror on Linux); that last line
    // is the part worth showing for each candidate.
    private static string LoaderReason(Exception e)
    {
        string[] lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return e.GetType().Name;
        string last = lines[^1];
        int colon = last.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 && lines.Length > 1 ? last[(colon + 2)..] : last;
    }
}
