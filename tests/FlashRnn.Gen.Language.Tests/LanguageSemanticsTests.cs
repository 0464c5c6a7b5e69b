using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>What equations mean: old and new states, temporaries, conditions, precedence, layout.</summary>
public class LanguageSemanticsTests
{
    private static double Run(string equations, double g = 0.5, double h = 0.25, bool first = false, string states = "h")
    {
        CellModel model = TestCells.CompileWithoutErrors(new CellText("g", states, equations));
        return TestCells.Forward(model, new[] { g }, new[] { 0.0 }, Enumerable.Repeat(h, model.StateCount).ToArray(), first)[0];
    }

    [Fact]
    public void A_state_read_below_its_line_is_its_new_value()
    {
        CellModel model = TestCells.Compile("h = tanh(g)\nc = h * 2", states: "h c");
        double[] result = TestCells.Forward(model, new[] { 0.4 }, new[] { 0.0 }, new[] { 9.0, 9.0 });
        Assert.Equal(2 * Math.Tanh(0.4), result[1], 15);
    }

    [Fact]
    public void A_state_read_on_or_above_its_line_is_its_previous_value()
    {
        CellModel model = TestCells.Compile("c = h + 1\nh = h * 2 + g", states: "h c");
        double[] result = TestCells.Forward(model, new[] { 0.5 }, new[] { 0.0 }, new[] { 3.0, 9.0 });
        Assert.Equal(3.0 * 2 + 0.5, result[0], 15);
        Assert.Equal(3.0 + 1, result[1], 15);
    }

    [Fact]
    public void Temporaries_may_be_used_above_their_definition()
    {
        Assert.Equal(Math.Tanh(2 * 0.5), Run("h = tanh(t)\nt = g * 2"), 15);
    }

    [Fact]
    public void A_temporary_below_a_state_line_reads_the_new_value()
    {
        CellModel model = TestCells.Compile("h = tanh(g)\nc = t * 2\nt = h + 1", states: "h c");
        double[] result = TestCells.Forward(model, new[] { 0.3 }, new[] { 0.0 }, new[] { 7.0, 5.0 });
        Assert.Equal(2 * (Math.Tanh(0.3) + 1), result[1], 15);
    }

    [Fact]
    public void A_temporary_above_a_state_line_reads_the_previous_value()
    {
        CellModel model = TestCells.Compile("t = h + 1\nh = tanh(g)\nc = t", states: "h c");
        double[] result = TestCells.Forward(model, new[] { 0.3 }, new[] { 0.0 }, new[] { 7.0, 5.0 });
        Assert.Equal(8.0, result[1], 15);
    }

    [Fact]
    public void Gate_parts_are_addressable_separately()
    {
        CellModel model = TestCells.Compile("h = g.input * 10 + g.recurrent");
        Assert.Equal(0.2 * 10 + 0.7, TestCells.Forward(model, new[] { 0.2 }, new[] { 0.7 }, new[] { 0.0 })[0], 15);
    }

    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.75)]
    public void First_is_true_on_the_first_step(bool first, double expected)
    {
        CellModel model = TestCells.Compile("h = first ? 1 : h + g");
        Assert.True(model.UsesFirstStep);
        Assert.Equal(expected, TestCells.Forward(model, new[] { 0.5 }, new[] { 0.0 }, new[] { 0.25 }, first)[0], 15);
    }

    [Theory]
    [InlineData("h = 1 - 2 * g", 1 - 2 * 0.5)]
    [InlineData("h = -g * 3", -0.5 * 3)]
    [InlineData("h = 8 / 4 / 2", 1.0)]
    [InlineData("h = 2 - 3 - 4", -5.0)]
    [InlineData("h = -(g - 3)", 2.5)]
    [InlineData("h = g > 0 ? 1 : g < -1 ? 2 : 3", 1.0)]
    [InlineData("h = (g > 0 ? 1 : 2) * 10", 10.0)]
    [InlineData("h = max(g, 0.25) + min(g, 0.25)", 0.75)]
    [InlineData("h = relu(-g) + abs(-g) + sqrt(4 * g * g)", 1.5)]
    [InlineData("h = 1e-1 * 10 + 2.5e1 + 1.", 27.0)]
    [InlineData("h = +g", 0.5)]
    public void Precedence_and_associativity_follow_C(string equation, double expected)
    {
        Assert.Equal(expected, Run(equation), 12);
    }

    [Fact]
    public void Lines_continue_after_an_operator_and_inside_parentheses()
    {
        const string text = "h = g *\n    2 +\n\n    max(g,\n        1\n    ) # the max\n";
        Assert.Equal(0.5 * 2 + 1, Run(text), 15);
    }

    [Fact]
    public void Comments_blank_lines_and_crlf_are_ignored_and_lines_are_numbered()
    {
        CellModel model = TestCells.Compile("// LSTM-like\r\n\r\n# gate\r\nc = tanh(g) // trailing\r\nh = c *\r\n  2", states: "h c");
        Assert.Equal(new[] { 4, 5 }, model.Equations.Select(e => e.Line));
        Assert.Equal(new[] { "c = tanh(g)", "h = c * 2" }, model.Equations.Select(e => e.Text));
    }

    [Fact]
    public void Declarations_accept_commas_and_blank_optional_parts_take_defaults()
    {
        CellModel model = TestCells.Compile(new CellText("a, b,c", "x y", "x = tanh(a + b + c)\ny = x", Recurrent: " ", Outputs: "", Initial: "\n"));
        Assert.Equal(new[] { "a", "b", "c" }, model.Gates);
        Assert.Equal(0, model.RecurrentState);
        Assert.Equal(new[] { 0 }, model.OutputStates);
    }

    [Fact]
    public void Recurrent_outputs_and_initial_values_are_read()
    {
        CellModel model = TestCells.Compile(new CellText("g", "a b c d", "a = g\nb = a\nc = b\nd = c",
            Recurrent: "c", Outputs: "d, a", Initial: "b = -0.5; d = 1e-3\nc = +2"));
        Assert.Equal(2, model.RecurrentState);
        Assert.Equal(new[] { 3, 0 }, model.OutputStates);
        Assert.Equal(new[] { 0.0, -0.5, 2.0, 1e-3 }, model.InitialValues);
    }

    [Fact]
    public void Compiling_twice_gives_equal_models_and_hashes()
    {
        CellCompilation first = CellCompiler.Compile(Testing.SeedCells.SLstm);
        CellCompilation second = CellCompiler.Compile(Testing.SeedCells.SLstm with { Equations = Testing.SeedCells.SLstm.Equations + "\n" });

        Assert.NotSame(first.Model, second.Model);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, CellCompiler.Compile(Testing.SeedCells.Lstm));
    }

    [Fact]
    public void Diagnostics_compare_by_value()
    {
        var text = new CellText("g", "h", "h = tanh(q)");
        Assert.Equal(CellCompiler.Compile(text), CellCompiler.Compile(text));
        Assert.NotEqual(CellCompiler.Compile(text), CellCompiler.Compile(text with { Equations = "h = tanh(p)" }));
    }

    [Fact]
    public void Forward_outputs_are_new_states_and_backward_outputs_are_the_gradients_in_order()
    {
        CellModel model = TestCells.Compile(Testing.SeedCells.Lstm);
        Assert.Equal(new[] { (ProgramOutputKind.NewState, 0), (ProgramOutputKind.NewState, 1) },
            model.Forward.Outputs.Select(o => (o.Kind, o.Index)));
        Assert.Equal(
            Enumerable.Range(0, 4).Select(g => (ProgramOutputKind.GateInputGradient, g))
                .Concat(Enumerable.Range(0, 4).Select(g => (ProgramOutputKind.GateRecurrentGradient, g)))
                .Concat(Enumerable.Range(0, 2).Select(k => (ProgramOutputKind.OldStateGradient, k))),
            model.Backward.Outputs.Select(o => (o.Kind, o.Index)));
    }
}
