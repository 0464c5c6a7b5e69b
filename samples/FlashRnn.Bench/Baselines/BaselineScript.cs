namespace FlashRnn.Bench.Baselines;

/// <summary>Finds the baseline script (cudnn_rnn.py of the device kit).</summary>
internal static class BaselineScript
{
    /// <summary>Where the device kit puts it, relative to the project root the device command runs in.</summary>
    public const string DefaultPath = ".device/baselines/cudnn_rnn.py";

    /// <summary>
    /// The script's full path: <paramref name="given"/> (or <see cref="DefaultPath"/>) relative to <paramref name="currentDirectory"/>,
    /// else next to the app's folder (the kit puts the app in .device/FlashRnn.Bench/ and the script in
    /// .device/baselines/). Null, with the places looked at, when it is in neither.
    /// </summary>
    public static string? Resolve(string? given, string currentDirectory, string appDirectory, out string lookedAt)
    {
        string path = given ?? DefaultPath;
        var candidates = new List<string> { Path.GetFullPath(path, currentDirectory) };
        if (given is null) candidates.Add(Path.GetFullPath(Path.Combine(appDirectory, "..", "baselines", "cudnn_rnn.py")));
        lookedAt = string.Join(", ", candidates.Distinct());
        return candidates.FirstOrDefault(File.Exists);
    }
}
