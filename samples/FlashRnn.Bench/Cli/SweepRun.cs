using System.Diagnostics;
using FlashRnn.Bench.Baselines;
using FlashRnn.Bench.CompileTime;
using FlashRnn.Bench.Measure;
using FlashRnn.Bench.Plots;
using FlashRnn.Bench.Results;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using Spectre.Console;

namespace FlashRnn.Bench.Cli;

/// <summary>
/// One <c>run</c> on a GPU, phase by phase: the cuDNN baselines (when asked), compiling every kernel ahead on all
/// cores, each configuration's check and timing, the first-call compile time in fresh processes, then
/// results.json, results.md, the plots and the console tables. results.json is rewritten after every
/// configuration, so a crash keeps what finished.
/// </summary>
internal sealed class SweepRun(RunSettings settings, SweepArguments sweep, IReadOnlyList<BenchCase> cases, CudaDevice device)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _notes = [];
    private readonly string _outFolder = Path.GetFullPath(settings.Out);
    private ResultsDocument _document = null!;

    private string JsonPath => Path.Combine(_outFolder, "results.json");

    private bool TimeLeft => _clock.Elapsed.TotalSeconds <= settings.TimeLimit;

    public int Execute()
    {
        Start();
        if (settings.Baselines) MeasureBaselines();
        using var recorder = new CompileRecorder(KernelCache.Default);
        if (!settings.NoPrecompile) Precompile(recorder);
        IReadOnlyList<BenchRow> rows = MeasureAll(recorder);
        CompileTimeRecord? compileTime = null;
        if (!settings.SkipCompileTime && TimeLeft) compileTime = MeasureCompileTime();
        else if (!settings.SkipCompileTime) _notes.Add($"the compile-time measurement was skipped: the time limit of {settings.TimeLimit} s was reached.");
        _document = _document with { Rows = rows, CompileTime = compileTime, Targets = TargetsEvaluator.Evaluate(rows, compileTime) };
        bool plotsFailed = !settings.NoPlots && !DrawPlots();
        Save();
        ResultsReport.Print(_document, JsonPath, _clock.Elapsed);
        bool failed = rows.Any(r => r.Status is RowStatus.CheckFailed or RowStatus.Error or RowStatus.Skipped);
        return failed || plotsFailed ? 1 : 0;
    }

    private void Start()
    {
        _document = new ResultsDocument
        {
            CommandLine = RunEnvironment.CommandLine(Environment.GetCommandLineArgs().Skip(1)),
            TimestampUtc = DateTimeOffset.UtcNow,
            Machine = RunEnvironment.Machine(),
            Gpu = RunEnvironment.Gpu(device),
            Versions = RunEnvironment.Versions(),
            Settings = new SettingsRecord(sweep.Preset, settings.Warmup, settings.Reps, settings.CheckSteps, settings.Seed, !settings.NoPrecompile,
                settings.TimeLimit, L2Flush.Bytes,
                "CUDA events around one API call on a stream, L2 flushed before each; the call allocates its outputs and workspaces inside the timed region; they are disposed after the end event."),
        };
        AnsiConsole.MarkupLine($"[bold]FlashRnn.Bench run[/]: {cases.Count} configurations ({Markup.Escape(sweep.Describe())}) on {Markup.Escape(device.Name)}, "
                               + $"driver {Markup.Escape(_document.Versions.CudaDriver ?? "?")}, NVRTC {Markup.Escape(_document.Versions.Nvrtc ?? "?")}; output in {Markup.Escape(_outFolder)}");
        Save();
    }

    private void MeasureBaselines()
    {
        IReadOnlyList<BaselineRequest> requests = BaselineRequest.For(cases, settings.LoopBaseline);
        var baselineSettings = new BaselineSettings(settings.BaselinesScript, settings.Python, TimeSpan.FromSeconds(settings.BaselinesTimeout),
            Path.Combine(_outFolder, "baselines.log"));
        BaselinesRecord baselines = ConsoleOutput.WithProgress("cuDNN baselines", requests.Count, (describe, advance) =>
            BaselineRunner.Run(requests, baselineSettings, text =>
            {
                describe(text);
                advance();
            }));
        if (baselines.Note is not null) _notes.Add($"baselines {baselines.Status}: {baselines.Note}");
        _document = _document with { Baselines = baselines };
        AnsiConsole.MarkupLine($"baselines: {Markup.Escape(baselines.Status)}, {baselines.Measurements.Count} measurements"
                               + (baselines.Note is null ? "" : ": " + Markup.Escape(baselines.Note)));
        Save();
    }

    private void Precompile(CompileRecorder recorder)
    {
        KernelProgram[] programs = cases.SelectMany(ProgramsOrNone).Distinct().ToArray();
        AnsiConsole.MarkupLine($"compiling {programs.Length} kernel programs ahead on {Environment.ProcessorCount} cores (cache: {Markup.Escape(KernelCache.Default.Directory)}) ...");
        PrecompileSummary summary = recorder.Precompile(programs, CompileTarget.ForArchitecture(device.ComputeCapability));
        _document = _document with
        {
            Precompile = new PrecompileRecord(summary.WallMs, summary.Programs, summary.Compiled, summary.FromDisk, summary.NvrtcMs, summary.LongestMs, summary.Failed),
        };
        AnsiConsole.MarkupLine($"  {summary.Compiled} compiled ({summary.NvrtcMs / 1000:F1} s NVRTC, longest {summary.LongestMs:F0} ms), {summary.FromDisk} from disk, "
                               + $"{summary.Failed.Count} failed, in {summary.WallMs / 1000:F1} s");
    }

    private IReadOnlyList<BenchRow> MeasureAll(CompileRecorder recorder)
    {
        var rows = new List<BenchRow>();
        IReadOnlyList<BaselineMeasurement> measurements = _document.Baselines?.Measurements ?? [];
        using var stream = new CudaStream();
        using var flush = new L2Flush();
        var runner = new CaseRunner(device, stream, flush, recorder, new MeasureSettings(settings.Warmup, settings.Reps, settings.CheckSteps, settings.Seed));
        using var watchdog = new HangWatchdog(TimeSpan.FromSeconds(settings.CaseTimeout), hung => ExitAfterHang(hung, rows));
        ConsoleOutput.WithProgress("measuring", cases.Count, (describe, advance) =>
        {
            for (int i = 0; i < cases.Count; i++)
            {
                BenchCase c = cases[i];
                describe(c.Id);
                watchdog.Enter(c.Id);
                BenchRow row = TimeLeft ? runner.Measure(c, i)
                    : RowFactory.Row(c, RowStatus.Skipped, $"not run: the time limit of {settings.TimeLimit} s was reached (--time-limit).");
                watchdog.Leave();
                row = row with { Comparisons = BaselineComparisons.For(row, c.Cell.BaselineCell, measurements) };
                lock (rows) rows.Add(row); // the watchdog's thread may read them
                describe($"{c.Id}: {Summary(row)}");
                advance();
                _document = _document with { Rows = rows.ToArray() };
                Save();
            }
            return rows;
        });
        if (runner.ContextLost is not null) _notes.Add(runner.ContextLost);
        int cut = rows.Count(r => r.Status == RowStatus.Skipped && r.Message?.Contains("--time-limit", StringComparison.Ordinal) == true);
        if (cut > 0) _notes.Add($"the time limit of {settings.TimeLimit} s was reached: {cut} configurations were skipped.");
        return rows;
    }

    /// <summary>
    /// A configuration hangs (on the watchdog's thread; the main thread is stuck in a CUDA call): save every finished
    /// row, the hung one as an error and the rest as skipped, print the tables and exit with code 3.
    /// </summary>
    private void ExitAfterHang(string hungId, List<BenchRow> finished)
    {
        List<BenchRow> rows;
        lock (finished) rows = finished.ToList();
        string message = $"no result after {settings.CaseTimeout} s (--case-timeout): a kernel never finished, so the run stopped here.";
        foreach (BenchCase c in cases.Where(c => rows.All(r => r.Id != c.Id)))
            rows.Add(RowFactory.Row(c, c.Id == hungId ? RowStatus.Error : RowStatus.Skipped, c.Id == hungId ? message : $"not run: {hungId} hung before it."));
        _notes.Add($"{hungId}: {message}");
        _document = _document with { Rows = rows, Targets = TargetsEvaluator.Evaluate(rows, null) };
        Save();
        ResultsReport.Print(_document, JsonPath, _clock.Elapsed);
        Environment.Exit(3);
    }

    private CompileTimeRecord MeasureCompileTime()
    {
        CompileTimeRecord record = CompileTimeMeasurement.Run(RunCommand.CompileTimeCase, settings.Seed, text => AnsiConsole.WriteLine(text));
        if (record.Error is not null) _notes.Add($"compile time: {record.Error}");
        return record;
    }

    /// <summary>Draws the plots; false when they failed (the JSON and tables are complete regardless).</summary>
    private bool DrawPlots()
    {
        PlotOutcome plots = PlotWriter.Write(_document with { Notes = _notes.ToArray() }, _outFolder);
        _notes.AddRange(plots.Warnings.Select(w => $"plots: {w}"));
        foreach (string file in plots.Files) AnsiConsole.MarkupLine($"plot: {Markup.Escape(file)}");
        if (plots.Error is null) return true;
        _notes.Add($"plots failed: {plots.Error}. results.json and results.md are complete; draw the plots elsewhere with `FlashRnn.Bench plot {JsonPath}`.");
        return false;
    }

    private void Save()
    {
        _document = _document with { Notes = _notes.ToArray() };
        ResultsJson.Write(_document, JsonPath);
        File.WriteAllText(Path.Combine(_outFolder, "results.md"), ResultsReport.Markdown(_document));
    }

    /// <summary>A configuration's programs; none when it cannot be planned (its row reports why).</summary>
    private IReadOnlyList<KernelProgram> ProgramsOrNone(BenchCase c)
    {
        try
        {
            return CaseKernelPrograms.For(c, device);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return [];
        }
    }

    private static string Summary(BenchRow row) => row.Status switch
    {
        RowStatus.Ok => $"{RowFormat.Ms(row.Timing?.MedianMs)} ms ({row.KernelLabel}), check {RowFormat.Error(row.Check?.MaxError, true)}"
                        + (row.Comparison(BaselineComparisons.Reference)?.Speedup is { } s ? $", {RowFormat.Speedup(s)} vs cuDNN fp16" : ""),
        _ => $"{row.Status}: {row.Message}",
    };
}
