using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using StateTracking.Model;
using StateTracking.Output;
using StateTracking.Training;

namespace StateTracking.Cli;

/// <summary>Trains with a progress bar, prints the result and writes the curves and the run's JSON.</summary>
internal sealed class TrainCommand : Command<TrainSettings>
{
    protected override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        TrainingOptions options = settings.ToOptions();
        AnsiConsole.MarkupLine($"[bold]StateTracking[/]: {Markup.Escape(Describe(options))}");
        DeviceSelection device = RecurrentLayers.SelectDevice(options.Device, options.Precision);
        AnsiConsole.MarkupLine($"[grey]Device: {device.Device.ToString().ToUpperInvariant()} ({Markup.Escape(device.Reason)}); " +
            $"{options.Precision}; projection, head and optimizer on the CPU, {Environment.ProcessorCount} cores[/]");

        using var kernels = new KernelSelections();
        TrainingRun run = AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                ProgressTask bar = progress.AddTask("training", maxValue: options.Steps);
                return Trainer.Run(options, update =>
                {
                    bar.Value = update.Latest.Step;
                    bar.Description = Status(update);
                }, cancellationToken);
            });

        AnsiConsole.MarkupLine($"[grey]Cell engine: {Markup.Escape(run.Engine)}[/]");
        if (kernels.FirstForward is { } forward)
            AnsiConsole.MarkupLine($"[grey]First forward kernel: {Markup.Escape(forward.ToString())}[/]");
        if (kernels.FirstBackward is { } backward)
            AnsiConsole.MarkupLine($"[grey]First backward kernel: {Markup.Escape(backward.ToString())}[/]");
        AnsiConsole.Write(ResultTables.Summary(run));
        AnsiConsole.Write(ResultTables.PerLength(run.Final));

        Directory.CreateDirectory(settings.Out);
        string plotPath = Path.Combine(settings.Out, "curves.png");
        string jsonPath = Path.Combine(settings.Out, "run.json");
        CurvePlotter.Write(run, plotPath);
        RunReportWriter.Write(run, jsonPath);
        AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(plotPath)}[/] and [blue]{Markup.Escape(jsonPath)}[/].");
        return 0;
    }

    private static string Describe(TrainingOptions o)
    {
        string labels = o.Supervision == Supervision.EveryStep ? "a label at every step" : "a label at the last step only";
        return string.Create(CultureInfo.InvariantCulture,
            $"{(o.Modulus == 2 ? "parity" : $"count mod {o.Modulus}")}, {o.Cell} {o.Heads} x {o.HeadSize}, " +
            $"train lengths {o.TrainLength}, held-out lengths {o.TestLength}, {o.Steps} steps of {o.Batch}, " +
            $"lr {o.LearningRate}, seed {o.Seed}, {labels}");
    }

    private static string Status(TrainingProgress update) => string.Create(CultureInfo.InvariantCulture,
        $"loss {update.Latest.Loss:F3}  acc {update.Latest.Accuracy:P0}  " +
        $"held-out {update.LatestEvaluation.Accuracy.FinalAccuracy:P1} (step {update.LatestEvaluation.Step})");
}
