using FlashRnn.Bench.Baselines;
using FlashRnn.Bench.CompileTime;
using FlashRnn.Bench.Sweep;
using Spectre.Console;

namespace FlashRnn.Bench.Cli;

/// <summary><c>run --list</c>: what a run would do, without a GPU.</summary>
internal static class SweepListing
{
    public static void Print(SweepArguments sweep, IReadOnlyList<BenchCase> cases, RunSettings settings, BenchCase compileCase)
    {
        var table = new Table().Title($"[bold]{cases.Count} configurations ({Markup.Escape(sweep.Describe())})[/]").Border(TableBorder.Rounded)
            .AddColumn("#").AddColumn("configuration").AddColumn("series");
        for (int i = 0; i < cases.Count; i++)
            table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(cases[i].Id), Markup.Escape(string.Join(", ", cases[i].Series)));
        AnsiConsole.Write(table);

        if (settings.Baselines)
        {
            IReadOnlyList<BaselineRequest> requests = BaselineRequest.For(cases, settings.LoopBaseline);
            string script = BaselineScript.Resolve(settings.BaselinesScript, Environment.CurrentDirectory, AppContext.BaseDirectory, out string lookedAt)
                            ?? $"{settings.BaselinesScript ?? BaselineScript.DefaultPath} (not found here; looked at {lookedAt})";
            AnsiConsole.MarkupLine($"[bold]{requests.Count} baseline requests[/], run in one Python process; each is equivalent to:");
            foreach (BaselineRequest request in requests) AnsiConsole.WriteLine($"  {settings.Python} {script} {request}");
        }
        if (!settings.SkipCompileTime)
        {
            AnsiConsole.MarkupLine("[bold]compile time[/]: two fresh processes with a new FLASHRNN_CACHE_DIR, each running");
            AnsiConsole.WriteLine("  FlashRnn.Bench " + string.Join(' ', CompileTimeMeasurement.ProbeArguments(compileCase, settings.Seed)));
        }
    }
}
