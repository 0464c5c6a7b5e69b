using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FlashRnn.Package.Tests;

/// <summary>What a finished child process left behind.</summary>
/// <param name="CommandLine">The command as run, for messages.</param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
/// <param name="Elapsed">Wall-clock time of the process.</param>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The command, its exit code and its output, for an assertion message.</summary>
    public override string ToString() =>
        $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s. Output:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the dotnet CLI as a child process the way a user's shell would: no build servers left behind, plain
/// (non-terminal) logging, and none of the MSBuild variables that `dotnet test` puts into this process's environment.
/// </summary>
internal static class DotnetCli
{
    /// <summary>Long enough for a cold restore and build on a 2-core machine, short enough to fail a hung build.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<string> s_dotnet = new(FindDotnet);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="environment">Variables to set in the child (a null value removes the variable).</param>
    public static async Task<CommandResult> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(s_dotnet.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        PrepareEnvironment(start.Environment);
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Ends only the process this method started, with the build nodes or compilers it started.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"`dotnet {string.Join(' ', arguments)}` did not finish within {DefaultTimeout.TotalMinutes} minutes " +
                $"(or the test was cancelled). Output so far:{Environment.NewLine}{Snapshot(output)}");
        }

        // The parameterless overload waits for the redirected streams to be drained as well.
        process.WaitForExit();
        return new CommandResult($"dotnet {string.Join(' ', arguments)}", process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    private static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        // `dotnet test` runs this process from inside MSBuild; variables such as MSBuildExtensionsPath or
        // MSBUILDNOINPROCNODE would steer the child's own MSBuild, so the child starts from a clean slate.
        foreach (string name in environment.Keys.Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(name);
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>
    /// The dotnet host that runs this test (DOTNET_HOST_PATH is set by `dotnet test`), else the one next to the
    /// running shared framework, else whatever `dotnet` the PATH names.
    /// </summary>
    private static string FindDotnet()
    {
        string executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        string frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        string? root = Directory.GetParent(frameworkDirectory.TrimEnd(Path.DirectorySeparatorChar))?.Parent?.Parent?.FullName;
        if (root is not null && File.Exists(Path.Combine(root, executable)))
        {
            return Path.Combine(root, executable);
        }

        return executable;
    }
}
