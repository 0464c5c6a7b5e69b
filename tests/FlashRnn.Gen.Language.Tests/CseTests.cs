using System.Text.RegularExpressions;
using FlashRnn.Gen.Language.Printing;
using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>Common subexpressions are computed once, in the DAG and in the printed statements.</summary>
public class CseTests
{
    private static IEnumerable<(string Name, CellModel Model)> Models()
    {
        foreach ((string name, CellText text) in SeedCells.All) yield return (name, TestCells.Compile(text));
        for (int seed = 0; seed < 150; seed++) yield return ("random cell " + seed, TestCells.Compile(TestCells.Random(seed)));
    }

    [Fact]
    public void No_two_nodes_of_a_program_compute_the_same_expression()
    {
        foreach ((string name, CellModel model) in Models())
        {
            foreach (CellProgram program in new[] { model.Forward, model.Backward })
            {
                var classes = new Dictionary<(ProgramOp, int, long, int, int, int), int>();
                var classOf = new int[program.Nodes.Count];
                for (int i = 0; i < program.Nodes.Count; i++)
                {
                    ProgramNode node = program.Nodes[i];
                    var key = (node.Op, node.Index, BitConverter.DoubleToInt64Bits(node.Value),
                        node.A < 0 ? -1 : classOf[node.A], node.B < 0 ? -1 : classOf[node.B], node.C < 0 ? -1 : classOf[node.C]);
                    Assert.False(classes.ContainsKey(key), $"{name}: node {i} ({node}) repeats node {classes.GetValueOrDefault(key)}.");
                    classes[key] = classOf[i] = i;
                }
            }
        }
    }

    [Fact]
    public void No_two_printed_statements_compute_the_same_expression()
    {
        foreach ((string name, CellModel model) in Models())
        {
            foreach (CellProgram program in new[] { model.Forward, model.Backward })
            {
                string code = ProgramPrinter.Print(model, program, CodeDialect.Cuda, IndexedSpelling.Cuda);
                List<string> rightSides = Regex.Matches(code, @"^float t\d+ = (.*);$", RegexOptions.Multiline)
                    .Select(m => m.Groups[1].Value).ToList();
                Assert.True(rightSides.Count == rightSides.Distinct().Count(), $"{name}: a statement is repeated in\n{code}");
                Assert.DoesNotContain(rightSides, r => Regex.IsMatch(r, @"^(t\d+|[a-z_]+\[\d+\]|first|-?[0-9.e+-]+f)$"));
            }
        }
    }

    [Fact]
    public void A_repeated_subexpression_is_one_node()
    {
        CellModel model = TestCells.Compile("h = tanh(g) + 2 * tanh(g) + tanh(g.input + g.recurrent)");
        Assert.Single(model.Forward.Nodes, n => n.Op == ProgramOp.Tanh);
    }

    [Fact]
    public void Lstm_backward_shares_the_forward_activations()
    {
        CellModel model = TestCells.Compile(SeedCells.Lstm);
        Assert.Equal(3, model.Backward.Nodes.Count(n => n.Op == ProgramOp.Sigmoid));
        Assert.Equal(2, model.Backward.Nodes.Count(n => n.Op == ProgramOp.Tanh));
        Assert.DoesNotContain(model.Backward.Nodes, n => n.Op == ProgramOp.Exp);
    }

    [Fact]
    public void Gates_used_whole_have_one_gradient_for_both_parts()
    {
        CellModel model = TestCells.Compile(SeedCells.Gru);
        int Gradient(ProgramOutputKind kind, int gate) => model.Backward.Outputs.Single(o => o.Kind == kind && o.Index == gate).Node;

        Assert.Equal(Gradient(ProgramOutputKind.GateInputGradient, 0), Gradient(ProgramOutputKind.GateRecurrentGradient, 0));
        Assert.Equal(Gradient(ProgramOutputKind.GateInputGradient, 1), Gradient(ProgramOutputKind.GateRecurrentGradient, 1));
        Assert.NotEqual(Gradient(ProgramOutputKind.GateInputGradient, 2), Gradient(ProgramOutputKind.GateRecurrentGradient, 2));
    }
}
