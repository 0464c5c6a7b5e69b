using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StateTracking.Output;
using StateTracking.Training;

namespace StateTracking.Cli;

/// <summary>
/// <c>plot</c>: draws curves.png again from a run.json, with the plotter of a live run, so a run from a machine that
/// has no fonts (the GPU machine) gets its labels back.
/// </summary>
internal sealed class PlotCommand : Command<PlotCommand.Settings>
{
    /// <summary>The arguments of <c>plot</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<RUN_JSON>")]
        [Description("A run.json written by a training run.")]
        public string Run { get; init; } = "";

        [CommandOption("--out <FOLDER>")]
        [Description("Folder for curves.png (default: the folder of RUN_JSON).")]
        public string? Out { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate()
            => File.Exists(Run) ? ValidationResult.Success() : ValidationResult.Error($"RUN_JSON: no file at '{Run}'.");
    }

    protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TrainingRun run;
        try
        {
            run = RunReportReader.Read(settings.Run);
        }
        catch (InvalidDataException e)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
        string folder = settings.Out ?? Path.GetDirectoryName(Path.GetFullPath(settings.Run))!;
        Directory.CreateDirectory(folder);
        string plotPath = Path.Combine(folder, "curves.png");
        CurvePlotter.Write(run, plotPath);
        AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(plotPath)}[/].");
        return 0;
    }
}
