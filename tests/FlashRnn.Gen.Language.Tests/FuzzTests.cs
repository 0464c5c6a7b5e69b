using CsCheck;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Language.Printing;
using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>
/// The compiler never throws: thousands of random strings, token soups and mutations of valid cells produce only
/// diagnostics, each inside its declaration string, and a model exactly when there is no error.
/// </summary>
public class FuzzTests
{
    private const string Alphabet = "ghcnmizfo tanhsigmoidexplogrelumaxinfirstpu.input.recurrent" +
                                    "0123456789.e_ +-*/(),?:=<>!#\n\r\t;^$\\\"'[]{}|&%é\u00a0\U0001F600";

    private static readonly string[] Tokens =
    {
        "h", "c", "g", "i", "f", "t", "a", "=", "==", "!=", "<", ">=", "+", "-", "*", "/", "(", ")", ",", "?", ":",
        "tanh", "sigmoid", "exp", "log", "max", "min", "relu", "abs", "sqrt", "softplus", "logsigmoid", "first",
        "g.input", "g.recurrent", ".", "input", "0", "1", "0.5", "1e-3", "2x", "1e39", "\n", "\n", "\n", "# c\n", "//\n",
    };

    private static readonly Gen<string> RandomText = CsCheck.Gen.Char[Alphabet].Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<string?> OptionalText = CsCheck.Gen.Frequency(
        (2, CsCheck.Gen.Const((string?)null)), (1, RandomText.Select(s => (string?)s)));

    private static readonly Gen<string> TokenSoup = CsCheck.Gen.Int[0, Tokens.Length - 1].Array[0, 30]
        .Select(indices => string.Join(" ", indices.Select(i => Tokens[i])));

    [Fact]
    public void Random_strings_in_every_part_give_only_diagnostics()
    {
        Gen<CellText> cells = CsCheck.Gen.Select(RandomText, RandomText, RandomText.Array[1, 4], OptionalText, OptionalText, OptionalText,
            (gates, states, equations, recurrent, outputs, initial) =>
                new CellText(gates, states, string.Join("\n", equations), recurrent, outputs, initial));
        Sampling.ForAll(cells, count: 2000, seed: 1, text => CompilesSafely(text), TestCells.Describe);
    }

    [Fact]
    public void Token_soups_give_only_diagnostics()
    {
        Gen<CellText> cells = CsCheck.Gen.Select(TokenSoup, TokenSoup.Array[1, 3],
            (head, lines) => new CellText("g i f", "h c", "h = " + head + "\n" + string.Join("\n", lines)));
        Sampling.ForAll(cells, count: 2000, seed: 2, text => CompilesSafely(text), TestCells.Describe);
    }

    [Fact]
    public void Mutations_of_valid_cells_give_only_diagnostics()
    {
        Gen<CellText> valid = CsCheck.Gen.Frequency(
            (1, CsCheck.Gen.Int[0, SeedCells.All.Length - 1].Select(i => SeedCells.All[i].Text)),
            (3, CsCheck.Gen.Int[0, int.MaxValue].Select(seed => RandomCells.Generate(new Random(seed)))));
        Gen<CellText> mutated = CsCheck.Gen.Select(valid, CsCheck.Gen.Int.Array[3, 12], (cell, choices) => Mutate(cell, choices));
        int models = 0;
        Sampling.ForAll(mutated, count: 2000, seed: 3, text => models += CompilesSafely(text) ? 1 : 0, TestCells.Describe);
        Assert.True(models >= 100, $"Only {models} of 2000 mutated cells still compiled; the printers and evaluator saw too few models.");
    }

    [Fact]
    public void Pathological_inputs_give_only_diagnostics()
    {
        string[] texts =
        {
            new string('(', 100_000), new string(')', 50_000), new string('-', 100_000) + "g",
            "h = " + string.Join(" + ", Enumerable.Repeat("g", 5000)),
            string.Join("\n", Enumerable.Range(0, 3000).Select(i => $"t{i} = t{i + 1} + g")) + "\nh = t0",
            string.Join("\n", Enumerable.Range(0, 3000).Select(i => $"t{i + 1} = t{i} * 0.5 + g")) + "\nt0 = g\nh = tanh(t3000)",
            "h = " + string.Concat(Enumerable.Repeat("tanh(", 150)) + "g" + new string(')', 150),
            "\0\0\0", "h = 1e308 * 1e308", "h = 1e-400", "h = 99999999999999999999999999999999999999999",
            "h = g / 0 + log(0) + sqrt(-1) + exp(1000)",
        };
        foreach (string text in texts) CompilesSafely(new CellText("g", "h", text, "h", "h", "h = 1e-400"));
        Assert.True(CompilesSafely(new CellText("g", "h", texts[5])), "A 3000-line chain of temporaries compiles.");
    }

    /// <summary>Checks the invariants of one compilation; true when it produced a model.</summary>
    private static bool CompilesSafely(CellText text)
    {
        CellCompilation compilation = CellCompiler.Compile(text);

        foreach (CellDiagnostic diagnostic in compilation.Diagnostics)
        {
            Assert.NotEqual(DiagnosticTable.InternalError.Id, diagnostic.Id);
            Assert.Equal(DiagnosticTable.LanguageCategory, diagnostic.Descriptor.Category);
            Assert.InRange(diagnostic.Span.End, 0, text.TextOf(diagnostic.Part).Length);
        }
        Assert.Equal(compilation.HasErrors, compilation.Model is null);
        Assert.Equal(compilation, CellCompiler.Compile(text));

        if (compilation.Model is not { } model) return false;
        ProgramPrinter.Print(model, model.Forward, CodeDialect.CSharp, IndexedSpelling.CpuReference);
        ProgramPrinter.Print(model, model.Backward, CodeDialect.Cuda, IndexedSpelling.Cuda);
        double[] gates = Enumerable.Repeat(0.25, model.GateCount).ToArray();
        double[] states = Enumerable.Repeat(0.5, model.StateCount).ToArray();
        ProgramEvaluator.Evaluate(model.Backward, new ProgramInputs(gates, gates, states, true, states));
        return true;
    }

    /// <summary>Applies edits chosen by <paramref name="choices"/> to one part of the cell.</summary>
    private static CellText Mutate(CellText cell, int[] choices)
    {
        var part = (CellTextPart)(uint)(choices[0] % 6);
        string text = cell.TextOf(part);
        for (int i = 1; i + 1 < choices.Length; i += 2)
        {
            int position = text.Length == 0 ? 0 : (int)((uint)choices[i] % (uint)text.Length);
            int length = Math.Min(text.Length - position, (int)((uint)choices[i + 1] % 4));
            string insert = Alphabet[(int)((uint)choices[i + 1] % (uint)Alphabet.Length)].ToString();
            text = ((uint)choices[i] % 5) switch
            {
                0 => text.Remove(position, length),
                1 => text.Insert(position, insert),
                2 => text.Remove(position, length).Insert(position, insert),
                3 => text.Insert(position, text.Substring(position, length)),
                _ => text.Substring(0, position),
            };
        }
        return part switch
        {
            CellTextPart.Gates => cell with { Gates = text },
            CellTextPart.States => cell with { States = text },
            CellTextPart.Recurrent => cell with { Recurrent = text },
            CellTextPart.Outputs => cell with { Outputs = text },
            CellTextPart.Initial => cell with { Initial = text },
            _ => cell with { Equations = text },
        };
    }
}
