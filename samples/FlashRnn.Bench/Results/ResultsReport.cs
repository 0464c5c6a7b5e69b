using System.Globalization;
using System.Text;
using Spectre.Console;

namespace FlashRnn.Bench.Results;

/// <summary>The end of a run: the rows table, problems, targets, compile time and notes, on the console and as results.md.</summary>
internal static class ResultsReport
{
    public static void Print(ResultsDocument document, string jsonPath, TimeSpan elapsed)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(ResultsTables.Console(document.Rows, Title(document)));
        foreach (string problem in ResultsTables.Problems(document.Rows)) AnsiConsole.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
        if (document.CompileTime is { } compile) AnsiConsole.MarkupLine(Markup.Escape(CompileTimeLine(compile)));
        if (document.Targets.Count > 0) AnsiConsole.Write(TargetsTable(document));
        foreach (string note in document.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        int ok = document.Rows.Count(r => r.Status == RowStatus.Ok);
        AnsiConsole.MarkupLine($"[bold]{ok} of {document.Rows.Count} configurations ok[/] in {elapsed.TotalSeconds:F0} s; results: {Markup.Escape(jsonPath)}");
    }

    public static string Markdown(ResultsDocument document)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {Title(document)}").AppendLine();
        text.AppendLine($"`{document.CommandLine}` at {document.TimestampUtc:u}; driver {document.Versions.CudaDriver}, NVRTC {document.Versions.Nvrtc}, runtime {document.Versions.Runtime}.").AppendLine();
        text.AppendLine(ResultsTables.Markdown(document.Rows));
        text.AppendLine("ms: median CUDA-event time of one API call. vs cuDNN: cuDNN ms / our ms measured in the same run (above 1 = faster). "
                        + "first call: the check call, which compiles or loads the configuration's kernels.").AppendLine();
        foreach (string problem in ResultsTables.Problems(document.Rows)) text.AppendLine($"- {problem}");
        if (document.CompileTime is { } compile) text.AppendLine().AppendLine(CompileTimeLine(compile));
        if (document.Targets.Count > 0)
        {
            text.AppendLine().AppendLine("## Targets (targets.md, set for an H100)").AppendLine();
            text.AppendLine("| case | measured | target | met |").AppendLine("|---|---|---|---|");
            foreach (TargetRecord t in document.Targets) text.AppendLine($"| {t.Case} | {t.Measured} | {t.Target} | {Met(t.Met)} |");
        }
        if (document.Rows.Any(r => r.ForwardKernel is not null))
        {
            text.AppendLine().AppendLine("## Kernels and plans").AppendLine();
            foreach (BenchRow row in document.Rows.Where(r => r.ForwardKernel is not null))
                text.AppendLine($"- {row.Id}: fw {Describe(row.ForwardKernel!)}" + (row.BackwardKernel is { } bw ? $"; bw {Describe(bw)}" : ""));
        }
        if (document.Notes.Count > 0)
        {
            text.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (string note in document.Notes) text.AppendLine($"- {note}");
        }
        return text.ToString();
    }

    private static string Title(ResultsDocument document)
        => $"FlashRnn.Bench on {document.Gpu?.Name ?? "no GPU"} ({document.Settings.Preset ?? "grid"}, median of {document.Settings.Reps})";

    private static Table TargetsTable(ResultsDocument document)
    {
        var table = new Table().Title($"[bold]targets.md (set for an H100; this run: {Markup.Escape(document.Gpu?.Name ?? "?")})[/]").Border(TableBorder.Rounded)
            .AddColumn("case").AddColumn("measured").AddColumn("target").AddColumn("met");
        foreach (TargetRecord t in document.Targets)
            table.AddRow(Markup.Escape(t.Case), Markup.Escape(t.Measured), Markup.Escape(t.Target),
                t.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "-" });
        return table;
    }

    /// <summary>The kernel, its plan's constants when it is the fused one, and the first sentence of the runtime's reason.</summary>
    private static string Describe(KernelRecord kernel)
    {
        string plan = kernel.Kind == "fused" && kernel.Plan is { } p
            ? string.Create(CultureInfo.InvariantCulture,
                $" ({p.CtasPerHead} CTAs/head, batch tile {p.BatchTile}, {p.Warps} warps, {(p.UseCluster ? "cluster exchange" : p.CtasPerHead > 1 ? (p.ExchangeCluster > 1 ? $"L2 exchange shared in clusters of {p.ExchangeCluster}" : "L2 exchange") : "no exchange")}, planned {p.EstimatedMicrosecondsPerStep:0.###} µs/step)")
            : "";
        string reason = kernel.Reason.Split(". ")[0].TrimEnd('.');
        return $"{kernel.Kind}{plan}: {(reason.Length <= 200 ? reason : reason[..197] + "...")}";
    }

    private static string Met(bool? met) => met switch { true => "yes", false => "no", null => "-" };

    private static string CompileTimeLine(CompileTimeRecord compile)
    {
        if (compile.Error is not null) return $"compile time ({compile.Configuration}): {compile.Error}";
        static string Probe(CompileProbeRecord? p) => p is null ? "-"
            : string.Create(CultureInfo.InvariantCulture,
                $"first call {p.FirstCallMs:F0} ms ({p.Compiled} compiled, {p.NvrtcMs:F0} ms NVRTC, longest {p.LongestNvrtcMs:F0} ms; {p.FromDisk} from disk), second call {p.SecondCallMs:F1} ms");
        return $"compile time ({compile.Configuration}): empty cache: {Probe(compile.Cold)}; warm disk cache, new process: {Probe(compile.Warm)}";
    }
}
