using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>The four seed cells compile cleanly and compute what their papers define.</summary>
public class SeedCellTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Every_seed_cell_compiles_without_diagnostics()
    {
        foreach ((string _, CellText text) in SeedCells.All) TestCells.Compile(text);
    }

    [Fact]
    public void Lstm_model_describes_the_declaration()
    {
        CellModel model = TestCells.Compile(SeedCells.Lstm);

        Assert.Equal(new[] { "i", "f", "z", "o" }, model.Gates);
        Assert.Equal(new[] { "h", "c" }, model.States);
        Assert.Equal(0, model.RecurrentState);
        Assert.Equal(new[] { 0 }, model.OutputStates);
        Assert.Equal(new[] { 0.0, 0.0 }, model.InitialValues);
        Assert.False(model.UsesFirstStep);
        Assert.Equal(new[] { 1, 2 }, model.Equations.Select(e => e.Line));
        Assert.Equal("h = sigmoid(o) * tanh(c)", model.Equations[1].Text);
    }

    [Fact]
    public void Lstm_forward_reads_the_old_cell_state_then_the_new_one()
    {
        CellModel model = TestCells.Compile(SeedCells.Lstm);
        double[] x = { 0.3, -0.2, 0.7, 0.1 }, r = { -0.4, 0.5, 0.2, -0.6 }, s = { 0.25, -0.8 };

        double[] result = TestCells.Forward(model, x, r, s);

        double i = Sigmoid(x[0] + r[0]), f = Sigmoid(x[1] + r[1]), z = Math.Tanh(x[2] + r[2]), o = Sigmoid(x[3] + r[3]);
        double c = f * s[1] + i * z;
        Assert.Equal(o * Math.Tanh(c), result[0], 14);
        Assert.Equal(c, result[1], 14);
    }

    [Fact]
    public void Gru_forward_matches_pytorch_with_reset_on_the_recurrent_part()
    {
        CellModel model = TestCells.Compile(SeedCells.Gru);
        double[] x = { 0.3, -0.2, 0.7 }, r = { -0.4, 0.5, 0.2 }, s = { 0.6 };

        double[] result = TestCells.Forward(model, x, r, s);

        double reset = Sigmoid(x[0] + r[0]), update = Sigmoid(x[1] + r[1]);
        double candidate = Math.Tanh(x[2] + reset * r[2]);
        Assert.Equal((1 - update) * candidate + update * s[0], result[0], 14);
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.7, false)]
    public void Slstm_forward_matches_the_paper(double oldN, bool firstStep)
    {
        CellModel model = TestCells.Compile(SeedCells.SLstm);
        double[] x = { 0.9, -0.3, 0.4, 0.2 }, r = { 0.5, 0.8, -0.1, 0.3 }, s = { 0.1, 0.6, oldN, -0.4 };

        double[] result = TestCells.Forward(model, x, r, s, firstStep);

        double i = x[0] + r[0], f = x[1] + r[1], z = x[2] + r[2], o = x[3] + r[3];
        double a = -Math.Log(1 + Math.Exp(-f)) + s[3];
        double m = oldN == 0 ? i : Math.Max(i, a);
        double ig = Math.Exp(i - m), fg = Math.Exp(a - m);
        double c = fg * s[1] + ig * Math.Tanh(z);
        double n = Math.Max(fg * s[2] + ig, 1);
        Assert.Equal(Sigmoid(o) * c / n, result[0], 13);
        Assert.Equal(c, result[1], 13);
        Assert.Equal(n, result[2], 13);
        Assert.Equal(m, result[3], 13);
    }

    [Fact]
    public void Elman_forward_is_tanh_of_the_gate()
    {
        CellModel model = TestCells.Compile(SeedCells.Elman);
        Assert.Equal(Math.Tanh(0.3 + 0.4), TestCells.Forward(model, new[] { 0.3 }, new[] { 0.4 }, new[] { 5.0 })[0], 15);
    }

    [Fact]
    public void Slstm_declares_y_as_recurrent_and_output()
    {
        CellModel model = TestCells.Compile(SeedCells.SLstm);
        Assert.Equal(new[] { "y", "c", "n", "m" }, model.States);
        Assert.Equal(0, model.RecurrentState);
        Assert.Equal(new[] { 0 }, model.OutputStates);
        Assert.Equal(7, model.Equations.Count);
    }
}
