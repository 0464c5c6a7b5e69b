using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Baselines;

/// <summary>How to run the baselines.</summary>
/// <param name="Script">The --baselines-script option (null: the device kit's default place).</param>
/// <param name="Python">The Python interpreter to start.</param>
/// <param name="Timeout">For all requests together; what came back before it is kept.</param>
/// <param name="LogPath">Where the process's full output goes.</param>
internal sealed record BaselineSettings(string? Script, string Python, TimeSpan Timeout, string LogPath);

/// <summary>
/// Runs the baseline script (cuDNN through PyTorch) for every request, in one Python process: importing torch and
/// starting CUDA costs seconds, so a small driver runs the unmodified script once per request with runpy, with
/// exactly the arguments of a separate <c>python3 cudnn_rnn.py ...</c> call (listed in the results as commands).
/// Skips with a clear note when Python, torch, triton or a CUDA device is missing.
/// </summary>
internal static class BaselineRunner
{
    // The driver: marker line, then the script as __main__ with the request's argv; a failure (argparse exits with
    // SystemExit) is reported and the next request runs. Memory is released between requests.
    private const string Driver = """
        import gc, json, runpy, sys
        script, requests = sys.argv[1], json.loads(sys.argv[2])
        for i, args in enumerate(requests):
            print(json.dumps({"frbench_request": i}), flush=True)
            sys.argv = [script] + args
            try:
                runpy.run_path(script, run_name="__main__")
            except BaseException as e:
                print(json.dumps({"frbench_request": i, "error": type(e).__name__ + ": " + str(e)}), flush=True)
            finally:
                gc.collect()
                try:
                    import torch
                    torch.cuda.empty_cache()
                except Exception:
                    pass
        """;

    private const string Probe = """
        import json, torch, triton
        print(json.dumps({"torch": torch.__version__, "triton": triton.__version__, "cuda": torch.version.cuda,
                          "cudnn": torch.backends.cudnn.version(), "gpu": torch.cuda.is_available() and torch.cuda.get_device_name(0)}))
        """;

    public static BaselinesRecord Run(IReadOnlyList<BaselineRequest> requests, BaselineSettings settings, Action<string> progress)
    {
        string? script = BaselineScript.Resolve(settings.Script, Environment.CurrentDirectory, AppContext.BaseDirectory, out string lookedAt);
        if (script is null) return Skipped($"the baseline script was not found (looked at {lookedAt}); give its path with --baselines-script.", null, requests, settings);

        ProcessResult probe = RunPython(settings.Python, ["-c", Probe], TimeSpan.FromMinutes(2), onLine: null);
        if (probe.StartError is not null) return Skipped($"{settings.Python} could not be started ({probe.StartError}).", script, requests, settings);
        if (probe.ExitCode != 0 || probe.TimedOut)
            return Skipped($"{settings.Python} could not import torch and triton: {LastLine(probe.Stderr) ?? "timed out"}", script, requests, settings);
        string environment = probe.Stdout.Trim();
        if (environment.Contains("\"gpu\": false", StringComparison.Ordinal))
            return Skipped("PyTorch sees no CUDA device.", script, requests, settings) with { Environment = environment };

        var output = new BaselineOutput();
        string requestsJson = JsonSerializer.Serialize(requests.Select(r => r.Arguments));
        ProcessResult run = RunPython(settings.Python, ["-c", Driver, script, requestsJson], settings.Timeout, line =>
        {
            output.Add(line, requests);
            if (line.StartsWith("{\"frbench_request\"", StringComparison.Ordinal) && !line.Contains("error", StringComparison.Ordinal))
                progress(Request(line, requests));
        });
        WriteLog(settings.LogPath, probe, run);

        var errors = output.Errors.ToList();
        if (run.TimedOut) errors.Add($"the baseline process ran past {settings.Timeout.TotalSeconds:F0} s and was stopped; later requests have no numbers.");
        else if (run.ExitCode != 0) errors.Add($"the baseline process exited with code {run.ExitCode}: {LastLine(run.Stderr)}");
        string status = output.Measurements.Count == 0 ? "skipped" : errors.Count == 0 ? "measured" : "partial";
        string? note = status == "measured" ? null : $"{errors.Count} problem(s); see errors and {settings.LogPath}.";
        return new BaselinesRecord(status, note, script, Commands(settings.Python, script, requests), environment, output.Measurements, errors);
    }

    private static BaselinesRecord Skipped(string note, string? script, IReadOnlyList<BaselineRequest> requests, BaselineSettings settings)
        => new("skipped", note, script, Commands(settings.Python, script ?? BaselineScript.DefaultPath, requests), null, [], []);

    private static IReadOnlyList<string> Commands(string python, string script, IReadOnlyList<BaselineRequest> requests)
        => requests.Select(r => $"{python} {script} {r}").ToArray();

    private static string Request(string markerLine, IReadOnlyList<BaselineRequest> requests)
    {
        using JsonDocument document = JsonDocument.Parse(markerLine);
        int i = document.RootElement.GetProperty("frbench_request").GetInt32();
        return requests[i].ToString();
    }

    private static string? LastLine(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    private static void WriteLog(string path, ProcessResult probe, ProcessResult run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, $"# probe\n{probe.Stdout}\n# probe stderr\n{probe.Stderr}\n# stdout\n{run.Stdout}\n# stderr\n{run.Stderr}\n");
    }

    private sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, bool TimedOut, string? StartError);

    private static ProcessResult RunPython(string python, IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? onLine)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["PYTHONUNBUFFERED"] = "1";
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stdout) stdout.AppendLine(e.Data);
            onLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(-1, "", "", false, e.Message);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // drains the asynchronous readers
        }
        lock (stdout) lock (stderr)
            return new ProcessResult(exited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString(), !exited, null);
    }
}
