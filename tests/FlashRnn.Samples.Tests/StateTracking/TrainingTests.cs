using StateTracking.Tasks;
using StateTracking.Training;

namespace FlashRnn.Samples.Tests.StateTracking;

/// <summary>Short, deterministic training runs of the sample, in process.</summary>
public class TrainingTests
{
    // A small version of the default run: the same model and optimizer, fewer and shorter sequences. On the CPU
    // engine, whose exact repeatability is what these tests check; GpuTrainingTests compares the GPU with it.
    internal static readonly TrainingOptions Short = new()
    {
        Device = DeviceChoice.Cpu,
        Cell = "lstm",
        Hidden = 16,
        Steps = 200,
        Batch = 16,
        TrainLength = new LengthRange(4, 12),
        TestLength = new LengthRange(24, 48),
        TestLengthCount = 2,
        TestSequencesPerLength = 8,
        EvaluateEvery = 1000,
        LearningRate = 1e-2,
        Seed = 5,
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void AShortRunLowersTheLossClearly()
    {
        TrainingRun run = Trainer.Run(Short, cancellationToken: Cancel);

        double first = run.Steps.Take(20).Average(s => s.Loss);
        double last = run.Steps.TakeLast(20).Average(s => s.Loss);
        Assert.True(last < 0.7 * first, $"The mean loss of the last 20 steps is {last:F4}, the first 20's {first:F4}: it did not fall below 70 %.");
        Assert.Equal(Short.Steps, run.Steps.Count);
        Assert.Equal([0, Short.Steps], run.Evaluations.Select(e => e.Step));
    }

    [Fact]
    public void TheSameSeedRepeatsTheRunExactlyAndAnotherSeedDoesNot()
    {
        TrainingOptions tiny = Short with { Steps = 8 };

        double[] first = [.. Trainer.Run(tiny, cancellationToken: Cancel).Steps.Select(s => s.Loss)];
        double[] again = [.. Trainer.Run(tiny, cancellationToken: Cancel).Steps.Select(s => s.Loss)];
        double[] other = [.. Trainer.Run(tiny with { Seed = 6 }, cancellationToken: Cancel).Steps.Select(s => s.Loss)];

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void InvalidOptionsAreRejectedBeforeTrainingWithTheOptionNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => Trainer.Run(Short with { Hidden = 10, Heads = 4 }, cancellationToken: Cancel));
        Assert.Equal(nameof(TrainingOptions.Heads), error.ParamName);

        error = Assert.Throws<ArgumentException>(() => Trainer.Run(Short with { Cell = "transformer" }, cancellationToken: Cancel));
        Assert.Contains("lstm, slstm, gru, elman", error.Message);
    }
}
