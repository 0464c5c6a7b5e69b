using StateTracking.Cli;
using StateTracking.Output;
using StateTracking.Training;

namespace FlashRnn.Samples.Tests.StateTracking;

/// <summary><c>plot</c>: a run.json is read back into the run it came from and its curves are drawn again.</summary>
public sealed class PlotCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"statetracking-plot-test-{Guid.NewGuid():N}");

    public PlotCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void PlotRedrawsTheCurvesOfALiveRunFromItsJson()
    {
        // Evaluations at steps 0, 10, 20 and 25, so the held-out curves have several points.
        TrainingRun live = Trainer.Run(TrainingTests.Short with { Steps = 25, EvaluateEvery = 10 }, cancellationToken: Cancel);
        string jsonPath = Path.Combine(_folder, "run.json");
        string livePlot = Path.Combine(_folder, "live.png");
        RunReportWriter.Write(live, jsonPath);
        CurvePlotter.Write(live, livePlot);

        TrainingRun read = RunReportReader.Read(jsonPath);
        Assert.Equal(live.Options, read.Options);
        Assert.Equal((live.TaskName, live.CellName, live.Engine, live.ParameterCount), (read.TaskName, read.CellName, read.Engine, read.ParameterCount));
        Assert.Equal(live.Steps, read.Steps);
        Assert.Equal(live.Evaluations.Select(e => (e.Step, e.Accuracy.PerLength.ToList())),
            read.Evaluations.Select(e => (e.Step, e.Accuracy.PerLength.ToList())), new TupleOfStepAndLengthsComparer());

        string redrawn = Path.Combine(_folder, "redrawn");
        Assert.Equal(0, CommandLine.Create().Run(["plot", jsonPath, "--out", redrawn], Cancel));
        byte[] png = File.ReadAllBytes(Path.Combine(redrawn, "curves.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        // The same plotter on the same numbers: the redrawn picture is the live one, byte for byte.
        Assert.Equal(File.ReadAllBytes(livePlot), png);
    }

    [Fact]
    public void AFileThatIsNotARunJsonFailsWithAMessageThatSaysWhy()
    {
        string path = Path.Combine(_folder, "results.json");
        File.WriteAllText(path, """{ "rows": [] }""");

        var error = Assert.Throws<InvalidDataException>(() => RunReportReader.Read(path));
        Assert.StartsWith($"'{path}' is not a run.json written by StateTracking:", error.Message);
        Assert.Contains("'task'", error.Message);

        Assert.Equal(1, CommandLine.Create().Run(["plot", path], Cancel));
        Assert.False(File.Exists(Path.Combine(_folder, "curves.png")));
    }

    // Records compare lists by reference, so the held-out results are compared element by element.
    private sealed class TupleOfStepAndLengthsComparer : IEqualityComparer<(int Step, List<LengthAccuracy> PerLength)>
    {
        public bool Equals((int Step, List<LengthAccuracy> PerLength) x, (int Step, List<LengthAccuracy> PerLength) y)
            => x.Step == y.Step && x.PerLength.SequenceEqual(y.PerLength);

        public int GetHashCode((int Step, List<LengthAccuracy> PerLength) value) => value.Step;
    }
}
