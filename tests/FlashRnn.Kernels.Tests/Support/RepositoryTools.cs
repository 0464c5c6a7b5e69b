using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FlashRnn.Kernels.Tests.Support;

/// <summary>
/// Runs the repository's Python tools (templates/tools) from a test. Tests that use them skip where python3 or the
/// templates folder is missing (a test binary copied away from its repository).
/// </summary>
internal static class RepositoryTools
{
    public static string Tool(string name) => Path.Combine(RepositoryRoot(), "templates", "tools", name);

    /// <summary>Skips the test unless <paramref name="script"/> exists and every one of <paramref name="programs"/> is on the PATH.</summary>
    public static void Require(string script, params string[] programs)
    {
        Assert.SkipUnless(File.Exists(script), $"no {Path.GetFileName(script)} at {script} (not run from the repository)");
        foreach (string program in programs)
            Assert.SkipUnless(OnPath(program), $"{program} is not on the PATH");
    }

    /// <summary>Runs python3 with <paramref name="arguments"/>; fails the test if it runs past <paramref name="limit"/>.</summary>
    public static async Task<(int ExitCode, string Output)> Python(IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"python3 {string.Join(' ', start.ArgumentList)} ran longer than {limit} or was cancelled");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    private static bool OnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, program)));
}
