using FlashRnn.Gen.Language.Printing;
using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>The printers write readable statements in both dialects, with exactly the parentheses the tree needs.</summary>
public class PrinterTests
{
    private static readonly CellModel Lstm = TestCells.Compile(SeedCells.Lstm);

    [Fact]
    public void Lstm_forward_in_csharp()
    {
        Assert.Equal("""
            // line 1: c = sigmoid(f) * c + sigmoid(i) * tanh(z)
            T t0 = CellMath.Sigmoid(gateInput[1] + gateRecurrent[1]) * state[1] + CellMath.Sigmoid(gateInput[0] + gateRecurrent[0]) * CellMath.Tanh(gateInput[2] + gateRecurrent[2]);
            // line 2: h = sigmoid(o) * tanh(c)
            newState[0] = CellMath.Sigmoid(gateInput[3] + gateRecurrent[3]) * CellMath.Tanh(t0);
            newState[1] = t0; // c

            """.Replace("\r\n", "\n"), ProgramPrinter.Print(Lstm, Lstm.Forward, CodeDialect.CSharp, IndexedSpelling.CpuReference));
    }

    [Fact]
    public void Lstm_forward_in_cuda_indented()
    {
        Assert.Equal("""
                // line 1: c = sigmoid(f) * c + sigmoid(i) * tanh(z)
                float t0 = frg_sigmoid(gin[1] + grec[1]) * s[1] + frg_sigmoid(gin[0] + grec[0]) * frg_tanh(gin[2] + grec[2]);
                // line 2: h = sigmoid(o) * tanh(c)
                s_new[0] = frg_sigmoid(gin[3] + grec[3]) * frg_tanh(t0);
                s_new[1] = t0; // c

            """.Replace("\r\n", "\n"), ProgramPrinter.Print(Lstm, Lstm.Forward, CodeDialect.Cuda, IndexedSpelling.Cuda, indent: 1));
    }

    [Fact]
    public void Lstm_backward_in_csharp()
    {
        Assert.Equal("""
            // line 1: c = sigmoid(f) * c + sigmoid(i) * tanh(z)
            T t0 = CellMath.Sigmoid(gateInput[1] + gateRecurrent[1]);
            T t1 = CellMath.Sigmoid(gateInput[0] + gateRecurrent[0]);
            T t2 = CellMath.Tanh(gateInput[2] + gateRecurrent[2]);
            T t3 = t0 * state[1] + t1 * t2;
            // line 2: h = sigmoid(o) * tanh(c)
            T t4 = CellMath.Sigmoid(gateInput[3] + gateRecurrent[3]);
            T t5 = CellMath.Tanh(t3);
            // d/d of line 2: h = sigmoid(o) * tanh(c)
            T t6 = dNewState[1] + t4 * dNewState[0] * (T.One - t5 * t5);
            T t7 = t5 * dNewState[0] * (t4 * (T.One - t4));
            // d/d of line 1: c = sigmoid(f) * c + sigmoid(i) * tanh(z)
            T t8 = t1 * t6 * (T.One - t2 * t2);
            T t9 = t2 * t6 * (t1 * (T.One - t1));
            T t10 = state[1] * t6 * (t0 * (T.One - t0));
            // gradients
            dGateInput[0] = t9; // d/d i.input
            dGateInput[1] = t10; // d/d f.input
            dGateInput[2] = t8; // d/d z.input
            dGateInput[3] = t7; // d/d o.input
            dGateRecurrent[0] = t9; // d/d i.recurrent
            dGateRecurrent[1] = t10; // d/d f.recurrent
            dGateRecurrent[2] = t8; // d/d z.recurrent
            dGateRecurrent[3] = t7; // d/d o.recurrent
            dState[0] = T.Zero; // d/d previous h
            dState[1] = t0 * t6; // d/d previous c

            """.Replace("\r\n", "\n"), ProgramPrinter.Print(Lstm, Lstm.Backward, CodeDialect.CSharp, IndexedSpelling.CpuReference));
    }

    [Fact]
    public void Lstm_backward_in_cuda()
    {
        Assert.Equal("""
            // line 1: c = sigmoid(f) * c + sigmoid(i) * tanh(z)
            float t0 = frg_sigmoid(gin[1] + grec[1]);
            float t1 = frg_sigmoid(gin[0] + grec[0]);
            float t2 = frg_tanh(gin[2] + grec[2]);
            float t3 = t0 * s[1] + t1 * t2;
            // line 2: h = sigmoid(o) * tanh(c)
            float t4 = frg_sigmoid(gin[3] + grec[3]);
            float t5 = frg_tanh(t3);
            // d/d of line 2: h = sigmoid(o) * tanh(c)
            float t6 = ds_new[1] + t4 * ds_new[0] * (1.0f - t5 * t5);
            float t7 = t5 * ds_new[0] * (t4 * (1.0f - t4));
            // d/d of line 1: c = sigmoid(f) * c + sigmoid(i) * tanh(z)
            float t8 = t1 * t6 * (1.0f - t2 * t2);
            float t9 = t2 * t6 * (t1 * (1.0f - t1));
            float t10 = s[1] * t6 * (t0 * (1.0f - t0));
            // gradients
            dgin[0] = t9; // d/d i.input
            dgin[1] = t10; // d/d f.input
            dgin[2] = t8; // d/d z.input
            dgin[3] = t7; // d/d o.input
            dgrec[0] = t9; // d/d i.recurrent
            dgrec[1] = t10; // d/d f.recurrent
            dgrec[2] = t8; // d/d z.recurrent
            dgrec[3] = t7; // d/d o.recurrent
            ds[0] = 0.0f; // d/d previous h
            ds[1] = t0 * t6; // d/d previous c

            """.Replace("\r\n", "\n"), ProgramPrinter.Print(Lstm, Lstm.Backward, CodeDialect.Cuda, IndexedSpelling.Cuda));
    }

    [Fact]
    public void Parentheses_constants_and_selects_in_both_dialects()
    {
        CellModel model = TestCells.Compile(new CellText("g", "h c",
            "h = g.input - (g.recurrent - h) * 0.5 + 1e-5 / g * -0.25\nc = (first ? -1 : 2.5) * max(c, -h) - -g / (h * c) - 1"));

        Assert.Equal("""
            // line 1: h = g.input - (g.recurrent - h) * 0.5 + 1e-5 / g * -0.25
            float t0 = gin[0] + grec[0];
            float t1 = gin[0] - (grec[0] - s[0]) * 0.5f + frg_div(1e-05f, t0) * -0.25f;
            s_new[0] = t1; // h
            // line 2: c = (first ? -1 : 2.5) * max(c, -h) - -g / (h * c) - 1
            s_new[1] = (first ? -1.0f : 2.5f) * frg_max(s[1], -t1) + frg_div(t0, t1 * s[1]) - 1.0f;

            """.Replace("\r\n", "\n"), ProgramPrinter.Print(model, model.Forward, CodeDialect.Cuda, IndexedSpelling.Cuda));
        Assert.Equal("""
            // line 1: h = g.input - (g.recurrent - h) * 0.5 + 1e-5 / g * -0.25
            T t0 = gateInput[0] + gateRecurrent[0];
            T t1 = gateInput[0] - (gateRecurrent[0] - state[0]) * CellMath.Const<T>(0.5) + CellMath.Const<T>(1E-05) / t0 * CellMath.Const<T>(-0.25);
            newState[0] = t1; // h
            // line 2: c = (first ? -1 : 2.5) * max(c, -h) - -g / (h * c) - 1
            newState[1] = (firstStep ? T.NegativeOne : CellMath.Const<T>(2.5)) * CellMath.Max(state[1], -t1) + t0 / (t1 * state[1]) - T.One;

            """.Replace("\r\n", "\n"), ProgramPrinter.Print(model, model.Forward, CodeDialect.CSharp, IndexedSpelling.CpuReference));
    }

    [Theory]
    [InlineData("h = g.input - (g.recurrent - h)", "gin[0] - (grec[0] - s[0])")]
    [InlineData("h = (g.input - g.recurrent) - h", "gin[0] - grec[0] - s[0]")]
    [InlineData("h = g.input / (g.recurrent / h)", "frg_div(gin[0], frg_div(grec[0], s[0]))")]
    [InlineData("h = g.input * (g.recurrent / h)", "gin[0] * frg_div(grec[0], s[0])")]
    [InlineData("h = (g.input + g.recurrent) * h", "(gin[0] + grec[0]) * s[0]")]
    [InlineData("h = -(g.input * h)", "-(gin[0] * s[0])")]
    [InlineData("h = g.input * -2", "gin[0] * -2.0f")]
    [InlineData("h = g.input > h + 1 ? -g.input : 0", "(gin[0] > s[0] + 1.0f ? -gin[0] : 0.0f)")]
    public void Cuda_expressions_keep_the_evaluation_order(string equation, string expected)
    {
        CellModel model = TestCells.Compile(new CellText("g", "h", equation));
        string code = ProgramPrinter.Print(model, model.Forward, CodeDialect.Cuda, IndexedSpelling.Cuda);
        Assert.Contains("s_new[0] = " + expected + ";", code);
    }

    [Fact]
    public void Spelling_and_element_type_are_the_callers()
    {
        var spelling = new IndexedSpelling("x[{0}]", "r[{0}]", "prev[{0}]", "isFirst", "dn[{0}]", "next[{0}]", "dx[{0}]", "dr[{0}]", "dprev[{0}]", "v{0}");
        CellModel model = TestCells.Compile(new CellText("g", "h", "h = first ? tanh(g) : h * tanh(g)"));

        string code = ProgramPrinter.Print(model, model.Forward, CodeDialect.CSharpOver("TValue"), spelling);

        Assert.Contains("TValue v0 = CellMath.Tanh(x[0] + r[0]);", code);
        Assert.Contains("next[0] = (isFirst ? v0 : v0 * prev[0]);", code);
    }

    [Fact]
    public void Bad_spellings_are_rejected_with_the_argument_named()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            new IndexedSpelling("gin", "grec[{0}]", "s[{0}]", "first", "d[{0}]", "n[{0}]", "a[{0}]", "b[{0}]", "c[{0}]"));
        Assert.Equal("gateInput", error.ParamName);
    }

    [Fact]
    public void The_writer_indents_nonempty_lines_only()
    {
        var writer = new CodeWriter("  ", indent: 1);
        writer.WriteLine("a");
        writer.Indent++;
        writer.WriteLine("");
        writer.WriteLine("b");
        Assert.Equal("  a\n\n    b\n", writer.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Indent = -1);
    }
}
