using FlashRnn.Gen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FlashRnn.Gen.Tests;

/// <summary>
/// The generated code for the four built-in cells, read from the runtime's own declarations file, is compared with
/// approved snapshots and must compile without a single warning (nullable enabled, warnings as errors).
/// </summary>
public class SeedCellSnapshotTests
{
    private static string BuiltInCellsSource()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Inputs", "BuiltInCells.cs.txt");
        // The runtime assembly the test references already contains FlashRnn.Cells; generate into another namespace.
        return File.ReadAllText(path).Replace("namespace FlashRnn.Cells;", "using FlashRnn;\nnamespace SeedCells;");
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(BuiltInCellsSource());

        // Shapes that no fused kernel fits on some default-target GPU are reported as information, never more.
        Assert.All(run.Diagnostics, d => Assert.True(d.Severity == DiagnosticSeverity.Info && d.Id is "FRG150" or "FRG151", d.ToString()));
        Assert.Equal(4, run.GeneratedTrees.Length);
        Diagnostic[] problems = output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
    }

    [Theory]
    [InlineData("Lstm")]
    [InlineData("Gru")]
    [InlineData("SLstm")]
    [InlineData("Elman")]
    public void Generated_code_matches_snapshot(string cell)
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(BuiltInCellsSource());
        SyntaxTree tree = run.GeneratedTrees.Single(t => Path.GetFileName(t.FilePath) == $"SeedCells.{cell}.FlashRnn.g.cs");
        Snapshot.Match(tree.GetText(TestContext.Current.CancellationToken).ToString(), cell, "g.cs");
    }
}
