using System.Text.Json;
using Spectre.Console.Cli;
using StateTracking.Cli;

namespace FlashRnn.Samples.Tests.StateTracking;

/// <summary>The command line end to end, in process: options parsed, training run, files written.</summary>
public class CommandLineTests
{
    [Fact]
    public void ARunWritesTheCurvesAndTheRunsJson()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"statetracking-test-{Guid.NewGuid():N}");
        try
        {
            int exitCode = CommandLine.Create().Run(
            [
                "--cell", "gru", "--hidden", "8", "--heads", "2", "--steps", "12", "--batch", "4",
                "--train-len", "3..6", "--test-len", "10..12", "--eval-every", "5", "--modulus", "3",
                "--supervise", "final", "--out", folder,
            ], TestContext.Current.CancellationToken);

            Assert.Equal(0, exitCode);
            byte[] png = File.ReadAllBytes(Path.Combine(folder, "curves.png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
            JsonElement root = json.RootElement;
            Assert.Equal("count mod 3", root.GetProperty("task").GetString());
            Assert.Equal(4, root.GetProperty("options").GetProperty("headSize").GetInt32());
            Assert.Equal("final", root.GetProperty("options").GetProperty("supervision").GetString());
            Assert.Equal(12, root.GetProperty("steps").GetArrayLength());
            // Before training, after steps 5 and 10, and after the last.
            Assert.Equal([0, 5, 10, 12], root.GetProperty("evaluations").EnumerateArray().Select(e => e.GetProperty("step").GetInt32()));
            Assert.InRange(root.GetProperty("heldOut").GetProperty("finalAccuracy").GetDouble(), 0, 1);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--hidden 10 --heads 4", "4 heads do not divide 10")]
    [InlineData("--train-len 32..4", "MIN (32) is larger than MAX (4)")]
    [InlineData("--supervise middle", "use 'every' or 'final'")]
    [InlineData("--cell rwkv", "'rwkv' is not a cell")]
    [InlineData("--device tpu", "use 'auto', 'cpu' or 'gpu'")]
    [InlineData("--device gpu --precision float64", "Device gpu needs --precision float32")]
    public void BadOptionsFailWithAMessageThatSaysWhy(string arguments, string expected)
    {
        var app = new CommandApp<TrainCommand>();
        string? message = null;
        app.Configure(config => config.PropagateExceptions());
        try
        {
            app.Run(arguments.Split(' '), TestContext.Current.CancellationToken);
        }
        catch (CommandRuntimeException e)
        {
            message = e.Message;
        }
        Assert.NotNull(message);
        Assert.Contains(expected, message);
    }
}
