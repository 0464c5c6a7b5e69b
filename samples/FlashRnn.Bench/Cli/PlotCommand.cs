using System.ComponentModel;
using FlashRnn.Bench.Plots;
using FlashRnn.Bench.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashRnn.Bench.Cli;

/// <summary><c>plot</c>: draws the PNGs of a results.json again (for instance here, from a JSON that came back from the GPU machine).</summary>
internal sealed class PlotCommand : Command<PlotCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<RESULTS>")]
        [Description("A results.json written by `run`.")]
        public string Results { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Where to write the PNGs (default: the folder of RESULTS).")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
            => File.Exists(Results) ? ValidationResult.Success() : ValidationResult.Error($"RESULTS: no file at '{Results}'.");
    }

    protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ResultsDocument document;
        try
        {
            document = ResultsJson.Read(settings.Results);
        }
        catch (InvalidDataException e)
        {
            ConsoleOutput.Error(e.Message);
            return 1;
        }
        string folder = Path.GetFullPath(settings.Out ?? Path.GetDirectoryName(Path.GetFullPath(settings.Results))!);
        PlotOutcome outcome = PlotWriter.Write(document, folder);
        foreach (string file in outcome.Files) AnsiConsole.MarkupLine($"plot: {Markup.Escape(file)}");
        foreach (string warning in outcome.Warnings) ConsoleOutput.Note(warning);
        if (outcome.Error is not null)
        {
            ConsoleOutput.Error($"plotting failed: {outcome.Error}");
            return 1;
        }
        return outcome.Files.Count > 0 ? 0 : 1;
    }
}
