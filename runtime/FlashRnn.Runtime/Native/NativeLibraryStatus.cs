namespace FlashRnn.Native;

/// <summary>
/// How the runtime resolved one native library: which candidate loaded, the file it came from, and every candidate
/// that was tried before it (with the loader's reason). Shown by <c>FlashRnn.Bench info</c> to diagnose a setup.
/// </summary>
public sealed class NativeLibraryStatus
{
    internal NativeLibraryStatus(string library, nint handle, string? loadedName, string? path,
        IReadOnlyList<string> attempts)
    {
        Library = library;
        Handle = handle;
        LoadedName = loadedName;
        Path = path;
        ResolvedPath = path is null ? null : FollowLinks(path);
        Attempts = attempts;
    }

    /// <summary>What the library is, for messages (for example <c>"NVRTC"</c>).</summary>
    public string Library { get; }

    /// <summary>Whether a candidate loaded.</summary>
    public bool IsLoaded => Handle != 0;

    /// <summary>The candidate that loaded (a name or a path), or <see langword="null"/>.</summary>
    public string? LoadedName { get; }

    /// <summary>The full path of the loaded file as the loader reports it, when the platform can tell.</summary>
    public string? Path { get; }

    /// <summary>
    /// <see cref="Path"/> with symbolic links followed (for example <c>libnvrtc.so.11.8.89</c> behind
    /// <c>libnvrtc.so.11.2</c>), which names the exact release.
    /// </summary>
    public string? ResolvedPath { get; }

    /// <summary>Each candidate tried without success, with the loader's reason, in search order.</summary>
    public IReadOnlyList<string> Attempts { get; }

    internal nint Handle { get; }

    /// <inheritdoc/>
    public override string ToString() => IsLoaded
        ? $"{Library}: loaded {LoadedName}{(Path is null ? "" : $" from {ResolvedPath}")}"
        : $"{Library}: not found (tried {string.Join(", ", Attempts)})";

    private static string FollowLinks(string path)
    {
        try
        {
            FileSystemInfo? target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            return path;
        }
    }
}
