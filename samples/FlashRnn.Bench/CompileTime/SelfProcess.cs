using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;

namespace FlashRnn.Bench.CompileTime;

/// <summary>Starts this benchmark again as a child process (as <c>dotnet FlashRnn.Bench.dll ...</c> or through its app host).</summary>
internal static class SelfProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, bool TimedOut);

    /// <summary>Runs the benchmark with <paramref name="arguments"/> and extra environment variables, waiting up to <paramref name="timeout"/>.</summary>
    /// <exception cref="InvalidOperationException">This process's executable cannot be found or started.</exception>
    public static Result Run(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process's executable is unknown.");
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet FlashRnn.Bench.dll` the host is dotnet itself and needs the app's path first.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("The entry assembly's path is unknown."));
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        foreach ((string name, string value) in environment) info.Environment[name] = value;

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {host}: {e.Message}", e);
        }
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return new Result(exited ? process.ExitCode : -1, stdout.Result, stderr.Result, !exited);
    }
}
