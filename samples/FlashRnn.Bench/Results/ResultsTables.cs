using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlashRnn.Bench.Results;

/// <summary>The rows as a console table and as a Markdown table (results.md), with the same columns.</summary>
internal static class ResultsTables
{
    public static IRenderable Console(IReadOnlyList<BenchRow> rows, string title)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(title)}[/]").Border(TableBorder.Rounded);
        for (int i = 0; i < RowFormat.Headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(RowFormat.Headers[i]));
            table.AddColumn(RowFormat.IsNumeric(i) ? column.RightAligned() : column);
        }
        foreach (BenchRow row in rows)
        {
            string color = row.Status switch { RowStatus.Ok => "", RowStatus.Skipped => "grey", RowStatus.Unsupported => "yellow", _ => "red" };
            table.AddRow(RowFormat.Cells(row).Select(cell => color.Length == 0 ? Markup.Escape(cell) : $"[{color}]{Markup.Escape(cell)}[/]").ToArray());
        }
        table.Caption("[dim]ms: median CUDA-event time of one API call. vs cuDNN: cuDNN ms / our ms, same run (above 1 = faster). first call: the check call, compiling or loading kernels.[/]");
        return table;
    }

    public static string Markdown(IReadOnlyList<BenchRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", RowFormat.Headers) + " |");
        text.AppendLine("|" + string.Concat(RowFormat.Headers.Select((_, i) => RowFormat.IsNumeric(i) ? "---:|" : "---|")));
        foreach (BenchRow row in rows) text.AppendLine("| " + string.Join(" | ", RowFormat.Cells(row)) + " |");
        return text.ToString();
    }

    /// <summary>
    /// Why rows are not ok, one line each (the table has no room for the messages): the message's first line, cut at
    /// <paramref name="maxLength"/> characters; results.json keeps it whole (an NVRTC log can run to pages).
    /// </summary>
    public static IEnumerable<string> Problems(IReadOnlyList<BenchRow> rows, int maxLength = 300)
        => rows.Where(r => r.Status != RowStatus.Ok).Select(r =>
        {
            string line = $"{r.Id}: {r.Status}: {(r.Message ?? "").Split('\n')[0].TrimEnd()}";
            return line.Length <= maxLength ? line : line[..(maxLength - 3)] + "...";
        });
}
