using System.Text.Json;
using System.Text.Json.Serialization;
using StateTracking.Training;

namespace StateTracking.Output;

/// <summary>Writes a finished run as JSON: the options, the machine, the result and every step and evaluation.</summary>
internal static class RunReportWriter
{
    /// <summary>The JSON settings of the file; <see cref="RunReportReader"/> reads with the same ones.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes <paramref name="run"/> to <paramref name="path"/>, replacing the file.</summary>
    public static void Write(TrainingRun run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, JsonSerializer.Serialize(ToReport(run), Json));
    }

    private static object ToReport(TrainingRun run) => new
    {
        task = run.TaskName,
        cell = run.CellName,
        run.ParameterCount,
        options = new
        {
            run.Options.Cell,
            run.Options.Hidden,
            run.Options.Heads,
            run.Options.HeadSize,
            run.Options.Modulus,
            run.Options.Supervision,
            run.Options.Steps,
            run.Options.Batch,
            trainLength = run.Options.TrainLength.ToString(),
            testLength = run.Options.TestLength.ToString(),
            run.Options.TestLengthCount,
            run.Options.TestSequencesPerLength,
            run.Options.EvaluateEvery,
            run.Options.Seed,
            run.Options.LearningRate,
            run.Options.ClipNorm,
            run.Options.Precision,
            run.Options.Device,
        },
        machine = new
        {
            engine = run.Engine,
            cores = Environment.ProcessorCount,
            os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            dotnet = Environment.Version.ToString(),
        },
        elapsedSeconds = Math.Round(run.Elapsed.TotalSeconds, 2),
        processorSeconds = Math.Round(run.ProcessorTime.TotalSeconds, 2),
        heldOut = Evaluation(run.Final),
        evaluations = run.Evaluations.Select(Evaluation),
        steps = run.Steps,
    };

    private static object Evaluation(EvaluationRecord record) => new
    {
        record.Step,
        record.Accuracy.FinalAccuracy,
        record.Accuracy.StepAccuracy,
        record.Accuracy.PerLength,
    };
}
