using StateTracking.Model;
using StateTracking.Tasks;

namespace StateTracking.Training;

/// <summary>Everything a training run depends on. Two runs with equal options compute the same numbers.</summary>
internal sealed record TrainingOptions
{
    /// <summary>The cell, one of <see cref="RecurrentCells.Names"/>.</summary>
    public string Cell { get; init; } = "lstm";

    /// <summary>Total hidden units NH·DH.</summary>
    public int Hidden { get; init; } = 32;

    /// <summary>Heads NH; must divide <see cref="Hidden"/>.</summary>
    public int Heads { get; init; } = 1;

    /// <summary>k of the counting task; 2 is parity.</summary>
    public int Modulus { get; init; } = 2;

    /// <summary>Which steps the loss reads.</summary>
    public Supervision Supervision { get; init; } = Supervision.EveryStep;

    /// <summary>Optimizer steps (one batch each).</summary>
    public int Steps { get; init; } = 1500;

    /// <summary>Sequences per batch.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Lengths of the training sequences; each batch draws one uniformly.</summary>
    public LengthRange TrainLength { get; init; } = new(4, 32);

    /// <summary>Lengths of the held-out sequences.</summary>
    public LengthRange TestLength { get; init; } = new(64, 256);

    /// <summary>Held-out lengths, spread evenly over <see cref="TestLength"/>.</summary>
    public int TestLengthCount { get; init; } = 8;

    /// <summary>Held-out sequences per held-out length.</summary>
    public int TestSequencesPerLength { get; init; } = 32;

    /// <summary>Evaluate on the held-out set every this many steps (and after the last).</summary>
    public int EvaluateEvery { get; init; } = 100;

    /// <summary>Seed of the weights, the training data and the held-out data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Adam's peak learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Gradients with a larger global norm are scaled down to it.</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>The element type of the model.</summary>
    public Precision Precision { get; init; } = Precision.Float32;

    /// <summary>Where the recurrent layer runs; <see cref="DeviceChoice.Auto"/> is the GPU when one can be used.</summary>
    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;

    /// <summary>Units per head DH.</summary>
    public int HeadSize => Hidden / Heads;

    /// <summary>
    /// Checks every option and names the first one that is out of range, including <c>--device gpu</c> on a machine
    /// without a usable GPU.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and what it must be.</exception>
    public void Validate()
    {
        if (!RecurrentCells.Names.Contains(Cell, StringComparer.OrdinalIgnoreCase))
            throw Invalid(nameof(Cell), $"'{Cell}' is not a cell; use one of {string.Join(", ", RecurrentCells.Names)}");
        Positive(nameof(Hidden), Hidden);
        Positive(nameof(Heads), Heads);
        if (Hidden % Heads != 0)
            throw Invalid(nameof(Heads), $"{Heads} heads do not divide {Hidden} hidden units evenly");
        if (Modulus < 2) throw Invalid(nameof(Modulus), $"is {Modulus}, must be at least 2 (2 is parity)");
        Positive(nameof(Steps), Steps);
        Positive(nameof(Batch), Batch);
        Positive(nameof(TestLengthCount), TestLengthCount);
        Positive(nameof(TestSequencesPerLength), TestSequencesPerLength);
        Positive(nameof(EvaluateEvery), EvaluateEvery);
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw Invalid(nameof(LearningRate), $"is {LearningRate}, must be a positive number");
        if (!(ClipNorm > 0) || double.IsInfinity(ClipNorm))
            throw Invalid(nameof(ClipNorm), $"is {ClipNorm}, must be a positive number");
        if (TrainLength.Min < 1 || TrainLength.Max < TrainLength.Min)
            throw Invalid(nameof(TrainLength), $"{TrainLength} is not a range of lengths of at least 1");
        if (TestLength.Min < 1 || TestLength.Max < TestLength.Min)
            throw Invalid(nameof(TestLength), $"{TestLength} is not a range of lengths of at least 1");
        RecurrentLayers.SelectDevice(Device, Precision); // throws when the GPU is asked for and cannot be used
    }

    private static void Positive(string name, int value)
    {
        if (value < 1) throw Invalid(name, $"is {value}, must be at least 1");
    }

    private static ArgumentException Invalid(string option, string problem) => new($"{option} {problem}.", option);
}
