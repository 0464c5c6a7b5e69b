using FlashRnn.Gen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashRnn.Gen.Tests;

/// <summary>
/// The pipeline's stages compare their outputs by value, so an edit that does not touch a cell re-runs nothing
/// after the parser: every tracked step reports Cached or Unchanged.
/// </summary>
public class IncrementalCachingTests
{
    private const string Cell = """"
        using FlashRnn;
        namespace Demo;

        [RnnCell(Gates = "i f z o", States = "h c")]
        [Equations("""
            c = sigmoid(f) * c + sigmoid(i) * tanh(z)
            h = sigmoid(o) * tanh(c)
            """)]
        [Specialize(Heads = 4, HeadSize = 32)]
        public static partial class MyLstm;
        """";

    private static readonly string[] TrackedSteps =
    [
        RnnCellGenerator.StepNames.CellDeclarations,
        RnnCellGenerator.StepNames.CellModels,
        RnnCellGenerator.StepNames.TargetGpus,
        RnnCellGenerator.StepNames.CellPlans,
    ];

    [Fact]
    public void Unrelated_edit_reruns_no_stage()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(Cell, "namespace Demo; public class Other { public int X => 1; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first, TestContext.Current.CancellationToken);

        // Edit the unrelated file: a new member, as a user typing elsewhere in the project would.
        SyntaxTree other = first.SyntaxTrees[1];
        SyntaxTree edited = other.WithChangedText(other.GetText(TestContext.Current.CancellationToken).Replace(0, other.Length,
            "namespace Demo; public class Other { public int X => 2; public string Y => \"y\"; }"));
        Compilation second = first.ReplaceSyntaxTree(other, edited);
        driver = driver.RunGenerators(second, TestContext.Current.CancellationToken);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"step {step} was not tracked");
            foreach (IncrementalGeneratorRunStep run in runs)
            {
                foreach ((object _, IncrementalStepRunReason reason) in run.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {step} output was {reason}");
            }
        }
    }

    [Fact]
    public void Editing_the_equations_reruns_the_cell()
    {
        string source = Cell;
        CSharpCompilation first = GeneratorHarness.CreateCompilation(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first, TestContext.Current.CancellationToken);

        SyntaxTree tree = first.SyntaxTrees[0];
        string changed = source.Replace("h = sigmoid(o) * tanh(c)", "h = sigmoid(o) * tanh(2 * c)");
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(changed))),
            TestContext.Current.CancellationToken);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        IncrementalStepRunReason modelReason = result.TrackedSteps[RnnCellGenerator.StepNames.CellModels].Single().Outputs.Single().Reason;
        Assert.Equal(IncrementalStepRunReason.Modified, modelReason);
        Assert.Contains("tanh(2 * c)", result.GeneratedSources.Single().SourceText.ToString());
    }
}
