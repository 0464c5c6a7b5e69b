using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Ir;
using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>Programs: their shape after scheduling, their evaluation, and the value-equatable array they use.</summary>
public class ProgramTests
{
    [Fact]
    public void Inline_expressions_stay_shallow_and_every_operand_comes_first()
    {
        for (int seed = 0; seed < 100; seed++)
        {
            CellModel model = TestCells.Compile(TestCells.Random(seed));
            foreach (CellProgram program in new[] { model.Forward, model.Backward })
            {
                var height = new int[program.Nodes.Count];
                for (int i = 0; i < program.Nodes.Count; i++)
                {
                    ProgramNode node = program.Nodes[i];
                    int Reference(int operand) => operand < 0 || program.TemporaryOf(operand) >= 0 ? 0 : height[operand];
                    Assert.True(node.A < i && node.B < i && node.C < i);
                    height[i] = node.Op.IsLeaf() ? 0 : 1 + Math.Max(Reference(node.A), Math.Max(Reference(node.B), Reference(node.C)));
                    Assert.True(height[i] <= Scheduler.MaxInlineHeight + 2, $"seed {seed}: node {i} is {height[i]} deep inline.");
                }
            }
        }
    }

    [Fact]
    public void A_long_chain_is_cut_into_temporaries()
    {
        string sum = "h = tanh(" + string.Join(" * ", Enumerable.Repeat("g", 40)) + ")";
        CellModel model = TestCells.Compile(sum);
        Assert.True(model.Forward.Statements.Count >= 40 / Scheduler.MaxInlineHeight);
    }

    [Fact]
    public void The_evaluator_names_a_missing_input()
    {
        CellModel model = TestCells.Compile(SeedCells.Lstm);
        ArgumentException error = Assert.Throws<ArgumentException>(() => ProgramEvaluator.Evaluate(model.Forward,
            new ProgramInputs(new double[4], new double[4], new double[1], false)));
        Assert.Contains("state[1]", error.Message);
    }

    [Fact]
    public void Equatable_arrays_compare_by_elements()
    {
        EquatableArray<string> a = EquatableArray.Create("x", "y");
        EquatableArray<string> b = new[] { "x", "y" }.ToEquatableArray();
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, EquatableArray.Create("y", "x"));
        Assert.Equal(EquatableArray<string>.Empty, default(EquatableArray<string>));
        Assert.Empty(default(EquatableArray<int>));
        Assert.Throws<ArgumentOutOfRangeException>(() => a[2]);
    }

    [Fact]
    public void A_program_rejects_operands_that_do_not_come_first()
    {
        var nodes = EquatableArray.Create(new ProgramNode(ProgramOp.Negate, 0, -1, -1, 0, 0));
        Assert.Throws<ArgumentException>(() => new CellProgram(nodes, default, default));
    }
}
