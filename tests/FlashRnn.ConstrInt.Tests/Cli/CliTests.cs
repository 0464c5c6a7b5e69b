using FlashRnn.ConstrInt.Cli;

namespace FlashRnn.ConstrInt.Tests.Cli;

/// <summary>Runs the <c>constrint</c> command's entry method in-process.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("constrint-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Solve_prints_status_objective_and_assignment()
    {
        string path = Write("ok.cint", "var x, y in 0..10\nsum: x + y <= 12\nmaximize 3*x + 2*y\n");

        (int code, string output, string error) = Run("solve", path);

        Assert.Equal(Program.Solved, code);
        Assert.Equal("", error);
        string[] lines = output.Split('\n');
        Assert.Equal("status: optimal", lines[0]);
        Assert.Equal("objective: 34", lines[1]);
        Assert.Equal("x = 10", lines[2]);
        Assert.Equal("y = 2", lines[3]);
        Assert.StartsWith("nodes: ", lines[4]);
    }

    [Fact]
    public void Solve_explains_an_infeasible_problem()
    {
        string path = Write("bad.cint", "var k in pow2(1..16)\nvar cols in 1..4096\nsplit: k * cols == 3072\n\"shared memory\": 1536 * cols <= 232448\n");

        (int code, string output, _) = Run("solve", path);

        Assert.Equal(Program.Infeasible, code);
        Assert.Contains("status: infeasible", output);
        Assert.Contains("  - split: k * cols == 3072", output);
        Assert.Contains("  - shared memory: 1536 * cols <= 232448", output);
        Assert.Contains("1536 * cols is at least 294912", output);
    }

    [Fact]
    public void Limits_come_from_the_command_line()
    {
        string path = Write("big.cint", "var a, b, c, d, e, f in 0..50\nsum: a + b + c + d + e + f <= 150\nmaximize a*b - c*d + e*f - a*f\n");

        (int code, string output, _) = Run("solve", path, "--nodes", "100", "--timeout-ms", "60000");

        Assert.Equal(Program.Solved, code);
        Assert.StartsWith("status: feasible (node limit of 100 reached)", output);
    }

    [Fact]
    public void Parse_errors_name_file_line_and_column()
    {
        string path = Write("typo.cint", "var x in 0..3\nx = 1\n");

        (int code, _, string error) = Run("solve", path);

        Assert.Equal(Program.ParseFailed, code);
        Assert.Equal($"{path}:2:3: error: '=' is not a comparison: write '==' for equality", error.Trim());
    }

    [Theory]
    [InlineData(new string[0], Program.UsageError, "usage: constrint solve")]
    [InlineData(new[] { "optimise", "x.cint" }, Program.UsageError, "unknown command 'optimise'")]
    [InlineData(new[] { "solve" }, Program.UsageError, "missing the problem file")]
    [InlineData(new[] { "solve", "a.cint", "--nodes" }, Program.UsageError, "--nodes needs a positive whole number")]
    [InlineData(new[] { "solve", "a.cint", "--nodes", "-3" }, Program.UsageError, "--nodes needs a positive whole number")]
    [InlineData(new[] { "solve", "a.cint", "--fast" }, Program.UsageError, "unknown option '--fast'")]
    [InlineData(new[] { "solve", "a.cint", "b.cint" }, Program.UsageError, "one problem file expected")]
    public void Usage_errors_explain_what_to_write(string[] args, int expectedCode, string message)
    {
        (int code, _, string error) = Run(args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        (int code, _, string error) = Run("solve", Path.Combine(_directory, "nope.cint"));

        Assert.Equal(Program.FileUnreadable, code);
        Assert.Contains("cannot read", error);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
