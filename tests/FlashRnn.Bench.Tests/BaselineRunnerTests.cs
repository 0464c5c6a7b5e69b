using FlashRnn.Bench.Baselines;
using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Tests;

/// <summary>
/// The baseline runner end to end with a real Python but stand-in torch/triton modules and a stand-in baseline script
/// (same options, made-up times): process plumbing, the runpy driver, per-request failures and the output parser.
/// Skipped where there is no python3 (the GPU machine's Python has the real modules).
/// </summary>
public sealed class BaselineRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frbench-baselines-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Runs_every_request_in_one_process_and_reports_failures()
    {
        string python = StandInPython();
        string script = Path.Combine(_folder, "cudnn_rnn.py");
        File.WriteAllText(script, """
            import argparse, json
            p = argparse.ArgumentParser()
            p.add_argument("--cell", choices=["lstm", "gru", "elman"])
            p.add_argument("--hidden", type=int); p.add_argument("--batch", type=int); p.add_argument("--seq", type=int)
            p.add_argument("--dtype"); p.add_argument("--mode"); p.add_argument("--impl", default="cudnn")
            a = p.parse_args()
            if a.batch == 999:
                raise RuntimeError("CUDA out of memory")
            for mode in ["fw", "fwbw"]:
                print(json.dumps(dict(impl="cudnn", cell=a.cell, B=a.batch, T=a.seq, H=a.hidden, dtype=a.dtype, mode=mode, ms=a.batch / 8 + (mode == "fwbw"))))
            """);
        BaselineRequest[] requests = [new("lstm", 768, 16, 1024, "fp16", false), new("gru", 768, 999, 1024, "bf16", false), new("elman", 768, 8, 64, "fp32", false)];
        var progress = new List<string>();

        BaselinesRecord record = BaselineRunner.Run(requests, Settings(python, script), progress.Add);

        Assert.Equal("partial", record.Status);
        Assert.Equal(4, record.Measurements.Count);
        Assert.Contains(new BaselineMeasurement("cudnn", "lstm", 16, 1024, 768, "fp16", "fwbw", 3.0), record.Measurements);
        Assert.Contains(new BaselineMeasurement("cudnn", "elman", 8, 64, 768, "fp32", "fw", 1.0), record.Measurements);
        Assert.Contains("RuntimeError: CUDA out of memory", Assert.Single(record.Errors));
        Assert.Equal(3, progress.Count);
        Assert.Contains("\"torch\": \"0.0-stand-in\"", record.Environment);
        Assert.Equal($"{python} {script} --cell lstm --hidden 768 --batch 16 --seq 1024 --dtype fp16 --mode both", record.Commands[0]);
        Assert.True(File.Exists(Path.Combine(_folder, "baselines.log")));
    }

    [Fact]
    public void A_missing_interpreter_or_script_skips_with_a_note()
    {
        BaselineRequest[] requests = [new("lstm", 768, 16, 1024, "fp16", false)];
        BaselinesRecord noScript = BaselineRunner.Run(requests, Settings("python3", Path.Combine(_folder, "absent.py")), _ => { });
        Assert.Equal("skipped", noScript.Status);
        Assert.Contains("--baselines-script", noScript.Note);

        string script = Path.Combine(_folder, "cudnn_rnn.py");
        File.WriteAllText(script, "");
        BaselinesRecord noPython = BaselineRunner.Run(requests, Settings(Path.Combine(_folder, "no-such-python"), script), _ => { });
        Assert.Equal("skipped", noPython.Status);
        Assert.Contains("could not be started", noPython.Note);
        Assert.Empty(noPython.Measurements);
    }

    private BaselineSettings Settings(string python, string script)
        => new(script, python, TimeSpan.FromSeconds(60), Path.Combine(_folder, "baselines.log"));

    /// <summary>A python3 wrapper that finds stand-in torch and triton modules first.</summary>
    private string StandInPython()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/env") || FindOnPath("python3") is null)
            Assert.Skip("needs python3 on a Linux PATH");
        string modules = Directory.CreateDirectory(Path.Combine(_folder, "modules")).FullName;
        Directory.CreateDirectory(Path.Combine(modules, "torch"));
        Directory.CreateDirectory(Path.Combine(modules, "triton"));
        File.WriteAllText(Path.Combine(modules, "torch", "__init__.py"), """
            __version__ = "0.0-stand-in"
            class version: cuda = "13.0"
            class backends:
                class cudnn:
                    @staticmethod
                    def version(): return 91000
            class cuda:
                @staticmethod
                def is_available(): return True
                @staticmethod
                def get_device_name(i): return "stand-in GPU"
                @staticmethod
                def empty_cache(): pass
            """);
        File.WriteAllText(Path.Combine(modules, "triton", "__init__.py"), "__version__ = \"0.0-stand-in\"\n");
        string wrapper = Path.Combine(_folder, "python");
        File.WriteAllText(wrapper, $"#!/usr/bin/env bash\nPYTHONPATH='{modules}' exec python3 \"$@\"\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }

    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
