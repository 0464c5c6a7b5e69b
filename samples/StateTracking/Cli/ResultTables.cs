using System.Globalization;
using Spectre.Console;
using StateTracking.Training;

namespace StateTracking.Cli;

/// <summary>The tables printed after a run.</summary>
internal static class ResultTables
{
    /// <summary>Time, final training loss and accuracy, and held-out accuracy.</summary>
    public static Table Summary(TrainingRun run)
    {
        // The last 50 batches, so one lucky short batch does not stand for the end of training.
        var tail = run.Steps.TakeLast(50).ToList();
        var table = new Table().AddColumns("", "value").HideHeaders();
        Row(table, "time", $"{run.Elapsed.TotalSeconds:F1} s wall clock, {run.ProcessorTime.TotalSeconds:F1} s CPU ({run.Steps.Count} steps, {run.ParameterCount} parameters)");
        Row(table, "train loss (last 50 batches)", $"{tail.Average(s => s.Loss):F4}");
        Row(table, "train accuracy (last 50 batches)", $"{tail.Average(s => s.Accuracy):P2}");
        Row(table, $"held-out {run.Options.TestLength}, whole-sequence label", $"{run.Final.Accuracy.FinalAccuracy:P2}");
        Row(table, $"held-out {run.Options.TestLength}, every step", $"{run.Final.Accuracy.StepAccuracy:P2}");
        return table;
    }

    /// <summary>Held-out accuracy at each length.</summary>
    public static Table PerLength(EvaluationRecord evaluation)
    {
        var table = new Table().AddColumns("held-out length", "whole-sequence accuracy", "every-step accuracy");
        foreach (LengthAccuracy l in evaluation.Accuracy.PerLength)
            table.AddRow(Format($"{l.Length}"), Format($"{l.FinalAccuracy:P1}"), Format($"{l.StepAccuracy:P2}"));
        return table;
    }

    private static void Row(Table table, string name, FormattableString value)
        => table.AddRow(Markup.Escape(name), Format(value));

    private static string Format(FormattableString value) => Markup.Escape(value.ToString(CultureInfo.InvariantCulture));
}
