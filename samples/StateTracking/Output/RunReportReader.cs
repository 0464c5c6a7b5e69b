using System.Text.Json;
using StateTracking.Model;
using StateTracking.Tasks;
using StateTracking.Training;

namespace StateTracking.Output;

/// <summary>
/// Reads a run.json written by <see cref="RunReportWriter"/> back into a <see cref="TrainingRun"/>, so its curves can
/// be drawn again with <see cref="CurvePlotter"/> (for instance here, from a run on a machine without fonts).
/// </summary>
internal static class RunReportReader
{
    /// <summary>Reads the run stored at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a StateTracking run.json; the message says what is wrong.</exception>
    public static TrainingRun Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Report? report;
        try
        {
            report = JsonSerializer.Deserialize<Report>(File.ReadAllText(path), RunReportWriter.Json);
        }
        catch (JsonException e)
        {
            // The serializer names the missing or mistyped field, which is what the user needs to see.
            throw NotARun(path, e.Message);
        }
        if (report is null) throw NotARun(path, "the file holds JSON null");
        if (report.Steps.Count == 0) throw NotARun(path, "'steps' is empty; a run has at least one step");
        if (report.Evaluations.Count == 0) throw NotARun(path, "'evaluations' is empty; a run is evaluated at least once");

        return new TrainingRun(ToOptions(path, report.Options), report.Task, report.Cell, report.Machine.Engine,
            report.ParameterCount, report.Steps,
            [.. report.Evaluations.Select(e => new EvaluationRecord(e.Step, new HeldOutAccuracy(e.PerLength)))],
            TimeSpan.FromSeconds(report.ElapsedSeconds), TimeSpan.FromSeconds(report.ProcessorSeconds));
    }

    private static TrainingOptions ToOptions(string path, OptionsReport o)
    {
        try
        {
            return new TrainingOptions
            {
                Cell = o.Cell, Hidden = o.Hidden, Heads = o.Heads, Modulus = o.Modulus, Supervision = o.Supervision,
                Steps = o.Steps, Batch = o.Batch,
                TrainLength = LengthRange.Parse(o.TrainLength), TestLength = LengthRange.Parse(o.TestLength),
                TestLengthCount = o.TestLengthCount, TestSequencesPerLength = o.TestSequencesPerLength,
                EvaluateEvery = o.EvaluateEvery, Seed = o.Seed, LearningRate = o.LearningRate, ClipNorm = o.ClipNorm,
                Precision = o.Precision, Device = o.Device,
            };
        }
        catch (FormatException e)
        {
            throw NotARun(path, $"options: {e.Message}");
        }
    }

    private static InvalidDataException NotARun(string path, string problem)
        => new($"'{path}' is not a run.json written by StateTracking: {problem}");

    // The shape RunReportWriter writes. Every field the curves or the options need is required, so a file of another
    // kind (a benchmark's results.json, say) fails here with the name of a missing field; the rest is ignored.
    private sealed record Report
    {
        public required string Task { get; init; }
        public required string Cell { get; init; }
        public required int ParameterCount { get; init; }
        public required OptionsReport Options { get; init; }
        public required MachineReport Machine { get; init; }
        public required double ElapsedSeconds { get; init; }
        public required double ProcessorSeconds { get; init; }
        public required IReadOnlyList<EvaluationReport> Evaluations { get; init; }
        public required IReadOnlyList<StepRecord> Steps { get; init; }
    }

    private sealed record OptionsReport
    {
        public required string Cell { get; init; }
        public required int Hidden { get; init; }
        public required int Heads { get; init; }
        public required int Modulus { get; init; }
        public required Supervision Supervision { get; init; }
        public required int Steps { get; init; }
        public required int Batch { get; init; }
        public required string TrainLength { get; init; }
        public required string TestLength { get; init; }
        public required int TestLengthCount { get; init; }
        public required int TestSequencesPerLength { get; init; }
        public required int EvaluateEvery { get; init; }
        public required int Seed { get; init; }
        public required double LearningRate { get; init; }
        public required double ClipNorm { get; init; }
        public required Precision Precision { get; init; }
        public required DeviceChoice Device { get; init; }
    }

    private sealed record MachineReport
    {
        public required string Engine { get; init; }
    }

    private sealed record EvaluationReport
    {
        public required int Step { get; init; }
        public required IReadOnlyList<LengthAccuracy> PerLength { get; init; }
    }
}
