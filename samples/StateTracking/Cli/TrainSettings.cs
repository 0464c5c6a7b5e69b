using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StateTracking.Model;
using StateTracking.Tasks;
using StateTracking.Training;

namespace StateTracking.Cli;

/// <summary>The command line. Defaults are those of <see cref="TrainingOptions"/>.</summary>
internal sealed class TrainSettings : CommandSettings
{
    private static readonly TrainingOptions Defaults = new();

    [CommandOption("--cell <CELL>")]
    [Description("The cell: lstm, slstm, gru or elman.")]
    public string Cell { get; init; } = Defaults.Cell;

    [CommandOption("--hidden <UNITS>")]
    [Description("Total hidden units (heads x head size).")]
    public int Hidden { get; init; } = Defaults.Hidden;

    [CommandOption("--heads <HEADS>")]
    [Description("Heads of the block-diagonal recurrence; must divide --hidden.")]
    public int Heads { get; init; } = Defaults.Heads;

    [CommandOption("--modulus <K>")]
    [Description("Count the ones modulo K; 2 is parity.")]
    public int Modulus { get; init; } = Defaults.Modulus;

    [CommandOption("--supervise <WHICH>")]
    [Description("Which steps carry a label in training: 'every' (the prefix's parity after each step) or 'final' (the whole sequence's).")]
    public string Supervise { get; init; } = "every";

    [CommandOption("--steps <STEPS>")]
    [Description("Optimizer steps, one batch each.")]
    public int Steps { get; init; } = Defaults.Steps;

    [CommandOption("--batch <SEQUENCES>")]
    [Description("Sequences per batch.")]
    public int Batch { get; init; } = Defaults.Batch;

    [CommandOption("--train-len <MIN..MAX>")]
    [Description("Training sequence lengths; each batch draws one.")]
    public string TrainLength { get; init; } = Defaults.TrainLength.ToString();

    [CommandOption("--test-len <MIN..MAX>")]
    [Description("Held-out sequence lengths (8 lengths spread over the range, 32 sequences each).")]
    public string TestLength { get; init; } = Defaults.TestLength.ToString();

    [CommandOption("--eval-every <STEPS>")]
    [Description("Evaluate on the held-out sequences every this many steps.")]
    public int EvaluateEvery { get; init; } = Defaults.EvaluateEvery;

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the weights and the data.")]
    public int Seed { get; init; } = Defaults.Seed;

    [CommandOption("--lr <RATE>")]
    [Description("Adam's peak learning rate (warm-up, then cosine decay to a tenth).")]
    public double LearningRate { get; init; } = Defaults.LearningRate;

    [CommandOption("--clip <NORM>")]
    [Description("Largest global gradient norm.")]
    public double ClipNorm { get; init; } = Defaults.ClipNorm;

    [CommandOption("--precision <TYPE>")]
    [Description("float32 or float64.")]
    public string Precision { get; init; } = "float32";

    [CommandOption("--device <WHERE>")]
    [Description("Where the cell runs: auto (the GPU when a CUDA device can be used, else the CPU), cpu or gpu.")]
    public string Device { get; init; } = "auto";

    [CommandOption("--out <FOLDER>")]
    [Description("Folder for curves.png and run.json.")]
    public string Out { get; init; } = "./statetracking-out";

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        try
        {
            ToOptions().Validate();
            return ValidationResult.Success();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ValidationResult.Error(e.Message);
        }
    }

    /// <summary>The training options these settings ask for.</summary>
    /// <exception cref="FormatException">A length range, --supervise, --precision or --device is malformed.</exception>
    public TrainingOptions ToOptions() => new()
    {
        Cell = Cell,
        Hidden = Hidden,
        Heads = Heads,
        Modulus = Modulus,
        Supervision = Supervise.ToLowerInvariant() switch
        {
            "every" => Supervision.EveryStep,
            "final" => Supervision.Final,
            _ => throw new FormatException($"--supervise is '{Supervise}'; use 'every' or 'final'."),
        },
        Steps = Steps,
        Batch = Batch,
        TrainLength = LengthRange.Parse(TrainLength),
        TestLength = LengthRange.Parse(TestLength),
        EvaluateEvery = EvaluateEvery,
        Seed = Seed,
        LearningRate = LearningRate,
        ClipNorm = ClipNorm,
        Precision = Precision.ToLowerInvariant() switch
        {
            "float32" => Training.Precision.Float32,
            "float64" => Training.Precision.Float64,
            _ => throw new FormatException($"--precision is '{Precision}'; use 'float32' or 'float64'."),
        },
        Device = Device.ToLowerInvariant() switch
        {
            "auto" => DeviceChoice.Auto,
            "cpu" => DeviceChoice.Cpu,
            "gpu" => DeviceChoice.Gpu,
            _ => throw new FormatException($"--device is '{Device}'; use 'auto', 'cpu' or 'gpu'."),
        },
    };
}
