using FlashRnn.Gen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashRnn.Gen.Tests;

/// <summary>The generator never throws: random declaration strings produce diagnostics only.</summary>
public class GeneratorFuzzTests
{
    private const string Alphabet = "abcfghimnorstyz0123456789 .,+-*/()?:=<>!#\n\t_eE\"\\";

    [Fact]
    public void Random_declaration_strings_never_crash_the_generator()
    {
        var random = new Random(7);
        var sources = new List<string>();
        for (int i = 0; i < 1500; i++)
        {
            string equations = RandomText(random, random.Next(0, 60));
            string gates = random.Next(4) == 0 ? RandomText(random, random.Next(0, 8)) : "g f";
            string states = random.Next(4) == 0 ? RandomText(random, random.Next(0, 8)) : "h c";
            sources.Add($"[FlashRnn.RnnCell(Gates = {Literal(gates)}, States = {Literal(states)})]\n" +
                        $"[FlashRnn.Equations({Literal(equations)})]\n" +
                        $"public static partial class Fuzz{i};\n");
        }

        // A few hundred cells per compilation keeps the test quick while covering thousands of strings.
        foreach (string[] chunk in sources.Chunk(250))
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(string.Join("\n", chunk));
            GeneratorDriverRunResult run = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
            GeneratorRunResult result = run.Results.Single();
            Assert.Null(result.Exception);
            Assert.All(run.Diagnostics, d => Assert.StartsWith("FRG", d.Id));
            Assert.DoesNotContain(run.Diagnostics, d => d.Id == "FRG099");
        }
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
