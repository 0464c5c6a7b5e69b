using ScottPlot;
using StateTracking.Training;

namespace StateTracking.Output;

/// <summary>Draws a run's curves into one PNG: the training loss above, the accuracies below.</summary>
internal static class CurvePlotter
{
    // Each batch has one random length, so per-step curves are noisy; a moving average shows the trend.
    private const int SmoothingWindow = 25;

    /// <summary>Writes the PNG to <paramref name="path"/>, replacing the file.</summary>
    public static void Write(TrainingRun run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(path);
        double[] steps = [.. run.Steps.Select(s => (double)s.Step)];
        double[] evaluationSteps = [.. run.Evaluations.Select(e => (double)e.Step)];

        var figure = new Multiplot();
        figure.AddPlots(2);

        Plot loss = figure.GetPlot(0);
        AddLine(loss, steps, [.. run.Steps.Select(s => s.Loss)], "train loss (per batch)", Colors.LightGray);
        AddLine(loss, steps, MovingAverage([.. run.Steps.Select(s => s.Loss)]), $"train loss ({SmoothingWindow}-step mean)", Colors.Blue);
        loss.Title($"{run.CellName} on {run.TaskName}: train lengths {run.Options.TrainLength}, held-out lengths {run.Options.TestLength}");
        loss.YLabel("cross-entropy");
        loss.ShowLegend(Alignment.UpperRight);

        Plot accuracy = figure.GetPlot(1);
        AddLine(accuracy, steps, MovingAverage([.. run.Steps.Select(s => s.Accuracy)]), $"train accuracy ({SmoothingWindow}-step mean)", Colors.Blue);
        AddLine(accuracy, evaluationSteps, [.. run.Evaluations.Select(e => e.Accuracy.StepAccuracy)], "held-out accuracy, every step", Colors.Orange);
        AddLine(accuracy, evaluationSteps, [.. run.Evaluations.Select(e => e.Accuracy.FinalAccuracy)], "held-out accuracy, whole sequence", Colors.Red);
        accuracy.Axes.SetLimitsY(0, 1.05);
        accuracy.XLabel("optimizer step");
        accuracy.YLabel("accuracy");
        accuracy.ShowLegend(Alignment.LowerRight);

        figure.SavePng(path, 1000, 800);
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, string label, Color color)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
    }

    private static double[] MovingAverage(double[] values)
    {
        var averaged = new double[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= SmoothingWindow) sum -= values[i - SmoothingWindow];
            averaged[i] = sum / Math.Min(i + 1, SmoothingWindow);
        }
        return averaged;
    }
}
