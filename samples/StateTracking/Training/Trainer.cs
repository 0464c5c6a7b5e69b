using System.Diagnostics;
using System.Numerics;
using StateTracking.Model;
using StateTracking.Tasks;

namespace StateTracking.Training;

/// <summary>
/// Trains the model on short sequences and measures it on the long held-out ones: each step draws a length from
/// the training range and a batch of that length, computes the gradients, clips them and takes an Adam step.
/// </summary>
internal static class Trainer
{
    // The three random streams of a run, so that changing e.g. the batch size does not change the initial weights.
    private const int WeightStream = 0, TrainingDataStream = 1, HeldOutStream = 2;

    /// <summary>Runs the whole training.</summary>
    /// <param name="options">The run's options (validated first).</param>
    /// <param name="progress">Called after every step; may be null.</param>
    /// <param name="cancellationToken">Stops the run between steps.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static TrainingRun Run(TrainingOptions options, Action<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Precision switch
        {
            Precision.Float32 => Run<float>(options, progress, cancellationToken),
            Precision.Float64 => Run<double>(options, progress, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Precision, "Unknown precision."),
        };
    }

    private static TrainingRun Run<T>(TrainingOptions options, Action<TrainingProgress>? progress,
        CancellationToken cancellationToken) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var clock = Stopwatch.StartNew();
        TimeSpan processorTimeAtStart = ProcessorTime();
        var task = new ModularCountingTask(options.Modulus);
        var weightRandom = RandomStream(options.Seed, WeightStream);
        var dataRandom = RandomStream(options.Seed, TrainingDataStream);
        var heldOut = HeldOutSet.Create(task, options.TestLength, options.TestLengthCount,
            options.TestSequencesPerLength, RandomStream(options.Seed, HeldOutStream));

        DeviceSelection device = RecurrentLayers.SelectDevice(options.Device, options.Precision);
        IRecurrentLayer<T> recurrent = RecurrentLayers.Create<T>(options.Cell, options.Heads, options.HeadSize, device.Device, weightRandom);
        var model = new StateTrackingModel<T>(task.SymbolCount, task.Modulus, recurrent, weightRandom);
        var optimizer = new AdamOptimizer<T>(model.Parameters);

        var steps = new List<StepRecord>(options.Steps);
        var evaluations = new List<EvaluationRecord> { new(0, heldOut.Evaluate(model)) };
        for (int step = 1; step <= options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int length = options.TrainLength.Sample(dataRandom);
            SequenceBatch batch = task.Sample(dataRandom, options.Batch, length);
            BatchOutcome outcome = model.ComputeGradients(batch, options.Supervision);
            double norm = GradientClipping.ClipGlobalNorm(model.Parameters, options.ClipNorm);
            double learningRate = LearningRateSchedule.At(step, options.Steps, options.LearningRate);
            optimizer.Step(learningRate);

            steps.Add(new StepRecord(step, length, outcome.Loss, outcome.Accuracy, norm, learningRate));
            if (step % options.EvaluateEvery == 0 || step == options.Steps)
                evaluations.Add(new EvaluationRecord(step, heldOut.Evaluate(model)));
            progress?.Invoke(new TrainingProgress(steps[^1], options.Steps, evaluations[^1]));
        }
        return new TrainingRun(options, task.Name, recurrent.Cell.Name, recurrent.Engine, model.ParameterCount, steps, evaluations,
            clock.Elapsed, ProcessorTime() - processorTimeAtStart);
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    // System.Random with a seed uses the same algorithm on every .NET version, so runs repeat across machines.
    private static Random RandomStream(int seed, int stream) => new(unchecked(seed * 1_000_003 + stream));
}
