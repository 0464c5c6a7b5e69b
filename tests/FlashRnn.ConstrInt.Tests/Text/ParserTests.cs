using FlashRnn.ConstrInt.Tests.Oracle;

namespace FlashRnn.ConstrInt.Tests.Text;

public sealed class ParserTests
{
    private const string Tiling = """
        # A small tiling problem
        const DH = 768              # head size
        var K in pow2(1..16)
        var BT in {8, 16, 32, 64} prefer high
        var W in 4..16
        let COLS = 4*DH / K
        "units per CTA": divides(K, DH)
        mma: COLS % 16 == 0
        smem: 2*DH*BT + 4*BT*COLS <= 232448
        threads: 32*W <= 1024
        minimize COLS*BT/W + K
        """;

    [Fact]
    public void Parses_every_statement_kind()
    {
        ParseResult parsed = ProblemParser.Parse(Tiling);

        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        Problem problem = parsed.Problem!;
        Assert.Equal(["K", "BT", "W", "COLS"], problem.Variables.Select(v => v.Name));
        Assert.True(problem.Variables[3].IsDefined);
        Assert.Equal("4 * DH / K", problem.Variables[3].Definition!.ToString());
        Assert.Equal([1L, 2, 4, 8, 16], problem.Variables[0].Domain.ExplicitValues!);
        Assert.Equal(ValuePreference.High, problem.Variables[1].Preference);
        Assert.True(problem.Variables[2].Domain.IsRange);
        Assert.Equal(["COLS definition", "units per CTA", "mma", "smem", "threads"], problem.Constraints.Select(c => c.Name));
        Assert.True(problem.Constraints[0].IsDefinition);
        Assert.Equal(RelationOperator.Divides, problem.Constraints[1].Relation.Operator);
        Assert.Equal("COLS % 16 == 0", problem.Constraints[2].Relation.ToString());
        Assert.Equal(ObjectiveSense.Minimize, problem.Objective!.Sense);

        SolveResult result = ConstraintSolver.Solve(problem);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(0, (4 * 768 / result.Solution!["K"]) % 16);
        Assert.Equal(4 * 768 / result.Solution["K"], result.Solution["COLS"]);
    }

    [Fact]
    public void Unlabelled_constraints_are_named_after_their_line()
    {
        Problem problem = ProblemParser.Parse("var x in 0..3\n\nx + 1 >= 2\n").Problem!;

        Assert.Equal("line 3", problem.Constraints.Single().Name);
    }

    [Fact]
    public void Written_problems_parse_back_to_the_same_text_and_answer()
    {
        var problems = new RandomProblems(seed: 99);
        for (int i = 0; i < 200; i++)
        {
            Problem original = problems.Next(withObjective: i % 3 != 0);
            string text = ProblemWriter.Write(original);
            ParseResult parsed = ProblemParser.Parse(text);
            Assert.True(parsed.Succeeded, text + "\n" + string.Join("\n", parsed.Errors));
            Assert.Equal(text, ProblemWriter.Write(parsed.Problem!));

            SolveResult a = ConstraintSolver.Solve(original, new SolverOptions { ExplainConflicts = false });
            SolveResult b = ConstraintSolver.Solve(parsed.Problem!, new SolverOptions { ExplainConflicts = false });
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.Objective, b.Objective);
            Assert.Equal(a.Solution?.Values, b.Solution?.Values);
        }

        Assert.Equal(ProblemWriter.Write(ProblemParser.Parse(Tiling).Problem!), ProblemWriter.Write(ProblemParser.Parse(ProblemWriter.Write(ProblemParser.Parse(Tiling).Problem!)).Problem!));
    }

    [Theory]
    [InlineData("var x in 0..3\ny <= 2", 2, 1, "unknown name 'y'")]
    [InlineData("var x in 0..3\nx = 2", 2, 3, "write '==' for equality")]
    [InlineData("var x in 5..3", 1, 10, "the range 5..3 is empty")]
    [InlineData("var x 0..3", 1, 7, "expected 'in' and a domain")]
    [InlineData("var x in 0..3\nc: x >= 1\nc: x <= 2", 3, 1, "the label 'c' is already used on line 2")]
    [InlineData("var x in 0..3\n\"open: x >= 1", 2, 1, "closing '\"' is missing")]
    [InlineData("var x in 0..3\nminimize x\nmaximize x", 3, 1, "already has an objective (line 2)")]
    [InlineData("var x in 0..3\nconst N = x + 1", 2, 11, "reads the variable 'x'")]
    [InlineData("var x in 0..3\nx >= 1 $", 2, 8, "unexpected character '$'")]
    [InlineData("var x in 0..99999999999999999999", 1, 13, "larger than 2^62")]
    [InlineData("var x in pow2(5..7)", 1, 10, "holds no power of two")]
    [InlineData("var x in 0..3\nx >= 1 x", 2, 8, "one statement per line")]
    [InlineData("var x in 0..3\nvar x in 0..1", 2, 5, "'x' is already declared on line 1")]
    [InlineData("var min in 0..3", 1, 5, "'min' is a keyword")]
    [InlineData("var x in 0..3\nx + >= 1", 2, 5, "expected a number, a name")]
    [InlineData("var x in 0..3\ndivides(x 4)", 2, 11, "',' between the divisor and the multiple")]
    [InlineData("var x in 0..3\nmax(x) >= 1", 2, 6, "takes at least two expressions")]
    [InlineData("var x in 0..3\nx >= 1/0 + 0*x", 2, 1, "")]
    [InlineData("var x in {1, 2\n", 1, 15, "',' or '}' to close the set")]
    [InlineData("var x in 0..3\n3x >= 1", 2, 1, "is not a number")]
    [InlineData("var x in 0..3\nlet y = x / 0", 2, 5, "'y' is undefined for every assignment")]
    public void Reports_errors_with_line_and_column(string text, int line, int column, string message)
    {
        ParseResult parsed = ProblemParser.Parse(text);

        if (message.Length == 0)
        {
            // A constant division by zero is legal syntax: the constraint simply has no solution.
            Assert.True(parsed.Succeeded);
            Assert.Equal(SolveStatus.Infeasible, ConstraintSolver.Solve(parsed.Problem!).Status);
            return;
        }

        Assert.False(parsed.Succeeded);
        Assert.Null(parsed.Problem);
        ParseError error = Assert.Single(parsed.Errors);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"{line}:{column}: ", error.ToString());
    }

    [Fact]
    public void Reports_one_error_per_bad_line_and_keeps_going()
    {
        ParseResult parsed = ProblemParser.Parse("var x in 0..3\nx >= \nvar y in 1..0\nx <= 3\nx == y");

        Assert.Equal([2, 3, 5], parsed.Errors.Select(e => e.Line));
        Assert.Contains("unknown name 'y'", parsed.Errors[2].Message);
    }

    [Fact]
    public void Accepts_windows_line_ends_comments_and_digit_separators()
    {
        ParseResult parsed = ProblemParser.Parse("# header\r\nvar x in 0..1_000 # big\r\n\"limit\": x * 3 <= 2_999\r\nmaximize x\r\n");

        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        Assert.Equal(999, ConstraintSolver.Solve(parsed.Problem!).Objective);
    }

    [Fact]
    public void The_README_example_parses_and_solves()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "generator", "FlashRnn.ConstrInt", "README.md"));
        int start = readme.IndexOf("# Tiling toy", StringComparison.Ordinal);
        string example = readme.Substring(start, readme.IndexOf("```", start, StringComparison.Ordinal) - start);

        ParseResult parsed = ProblemParser.Parse(example);

        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        Assert.Equal("line 11", parsed.Problem!.Constraints.Last().Name);
        Assert.Equal(SolveStatus.Optimal, ConstraintSolver.Solve(parsed.Problem).Status);
    }

    private static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "FlashRnn.Gen.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("FlashRnn.Gen.sln not found above the test binaries.");
    }
}

