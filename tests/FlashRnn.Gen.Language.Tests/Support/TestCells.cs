using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Testing;

namespace FlashRnn.Gen.Language.Tests.Support;

/// <summary>Compiling cells in tests.</summary>
internal static class TestCells
{
    /// <summary>Compiles a cell that must have no diagnostic at all.</summary>
    public static CellModel Compile(CellText text)
    {
        CellCompilation compilation = CellCompiler.Compile(text);
        Assert.True(compilation.Diagnostics.Count == 0,
            "Expected no diagnostics, got:\n" + string.Join("\n", compilation.Diagnostics) + "\nfor\n" + Describe(text));
        return compilation.Model!;
    }

    /// <summary>Compiles a cell that must have no error (warnings allowed).</summary>
    public static CellModel CompileWithoutErrors(CellText text)
    {
        CellCompilation compilation = CellCompiler.Compile(text);
        Assert.True(compilation.Model is not null,
            "Expected no errors, got:\n" + string.Join("\n", compilation.Diagnostics) + "\nfor\n" + Describe(text));
        return compilation.Model!;
    }

    /// <summary>Compiles equations over the given gates and states (states default to "h").</summary>
    public static CellModel Compile(string equations, string gates = "g", string states = "h")
        => Compile(new CellText(gates, states, equations));

    /// <summary>Random cell <paramref name="seed"/> of <see cref="RandomCells"/>.</summary>
    public static CellText Random(int seed) => RandomCells.Generate(new System.Random(seed));

    /// <summary>New states of one step, in state order.</summary>
    public static double[] Forward(CellModel model, double[] gateInput, double[] gateRecurrent, double[] state, bool first = false)
    {
        ProgramEvaluation result = ProgramEvaluator.Evaluate(model.Forward, new ProgramInputs(gateInput, gateRecurrent, state, first));
        return Enumerable.Range(0, model.StateCount).Select(k => result.Get(ProgramOutputKind.NewState, k)).ToArray();
    }

    public static string Describe(CellText text)
        => $"Gates: {text.Gates}\nStates: {text.States}\nRecurrent: {text.Recurrent}\nOutputs: {text.Outputs}\nInitial: {text.Initial}\nEquations:\n{text.Equations}";
}
