using Spectre.Console;

namespace FlashRnn.Bench.Cli;

/// <summary>Console set-up and progress reporting that work both in a terminal and in a captured log (the GPU machine).</summary>
internal static class ConsoleOutput
{
    /// <summary>
    /// When the output is captured, Spectre assumes 80 columns and wraps the wide tables into unreadable cells; a
    /// log has no width limit, so give the tables room.
    /// </summary>
    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 220);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar in an interactive terminal, or with one line per step in a
    /// log. The work reports each step's description through the first argument and completes a step with the second.
    /// </summary>
    public static T WithProgress<T>(string title, int total, Func<Action<string>, Action, T> work)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            return AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1));
                    return work(text => task.Description = Markup.Escape($"{title}: {text}"), () => task.Increment(1));
                });
        }
        int step = 0;
        return work(text => AnsiConsole.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {title} {Math.Min(step + 1, total)}/{total}: {text}"), () => step++);
    }

    public static void Note(string text) => AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(text)}");

    public static void Error(string text) => AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(text)}");
}
