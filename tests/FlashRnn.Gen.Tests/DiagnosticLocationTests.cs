using FlashRnn.Gen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FlashRnn.Gen.Tests;

/// <summary>
/// A problem in a declaration is a compiler diagnostic with its own ID on the exact characters it is about, inside
/// the attribute string whatever kind of literal holds it; class-level problems sit on the class name.
/// </summary>
public class DiagnosticLocationTests
{
    private static string s_source = "";

    private static Diagnostic Single(string source, string id)
    {
        s_source = source;
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(source);
        Assert.Null(run.Results.Single().Exception);
        Diagnostic[] matching = run.Diagnostics.Where(d => d.Id == id).ToArray();
        Assert.True(matching.Length == 1, $"expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
        return matching[0];
    }

    /// <summary>The source characters a diagnostic marks (generator locations carry a path and span, not a tree).</summary>
    private static string Marked(Diagnostic d) => s_source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Fact]
    public void Unknown_function_in_a_raw_string_points_at_the_name()
    {
        const string source = """"
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            [Equations("""
                h = tanh(g)
                    // a comment, then an indented line
                h2 = sigmoidd(g)
                """)]
            public static partial class C;
            """";
        Diagnostic d = Single(source, "FRG036");
        Assert.Equal("sigmoidd", Marked(d));
        Assert.Equal(5, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Diagnostic_in_a_regular_string_with_escapes_points_at_the_name()
    {
        const string source = """
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            [Equations("a = \"x\"\nh = tanh(g) * nope")]
            public static partial class C;
            """;
        s_source = source;
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(source);
        Diagnostic unknown = run.Diagnostics.First(d => Marked(d) == "nope");
        Assert.StartsWith("FRG", unknown.Id);
    }

    [Fact]
    public void Diagnostic_in_a_verbatim_string_points_at_the_name()
    {
        const string source = """
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            [Equations(@"# a ""quoted"" comment
            h = tanh(g) * zz")]
            public static partial class C;
            """;
        s_source = source;
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(source);
        Assert.Contains(run.Diagnostics, d => Marked(d) == "zz");
    }

    [Fact]
    public void Error_in_the_gate_list_points_into_the_gates_string()
    {
        const string source = """
            using FlashRnn;
            [RnnCell(Gates = "i f i", States = "h")]
            [Equations("h = tanh(i + f)")]
            public static partial class C;
            """;
        Diagnostic d = Single(source, "FRG014");
        Assert.Equal("i", Marked(d));
        Assert.Equal(22, d.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Theory]
    [InlineData("public partial class C;", "FRG100")]
    [InlineData("public static class C { }", "FRG100")]
    [InlineData("public static partial class C<T>;", "FRG104")]
    public void Class_shape_errors_point_at_the_class_name(string declaration, string id)
    {
        string source = $$"""
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            [Equations("h = tanh(g)")]
            {{declaration}}
            """;
        Diagnostic d = Single(source, id);
        Assert.Equal("C", Marked(d));
    }

    [Fact]
    public void Nested_cell_class_is_reported()
    {
        const string source = """
            using FlashRnn;
            public static partial class Outer
            {
                [RnnCell(Gates = "g", States = "h")]
                [Equations("h = tanh(g)")]
                public static partial class C;
            }
            """;
        Assert.Equal("C", Marked(Single(source, "FRG103")));
    }

    [Fact]
    public void Missing_equations_is_reported()
    {
        const string source = """
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            public static partial class C;
            """;
        Assert.Equal("C", Marked(Single(source, "FRG101")));
    }

    [Theory]
    [InlineData("Heads = 0, HeadSize = 64", "FRG106")]
    [InlineData("HeadSize = 0", "FRG105")]
    [InlineData("HeadSize = 100000", "FRG105")]
    [InlineData("HeadSize = 64, DType = (RnnDType)7", "FRG107")]
    public void Bad_specialisations_are_reported_on_the_attribute(string arguments, string id)
    {
        string source = $$"""
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            [Equations("h = tanh(g)")]
            [Specialize({{arguments}})]
            public static partial class C;
            """;
        Diagnostic d = Single(source, id);
        Assert.StartsWith("Specialize(", Marked(d));
    }

    [Fact]
    public void Duplicate_specialisation_is_reported()
    {
        const string source = """
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            [Equations("h = tanh(g)")]
            [Specialize(Heads = 2, HeadSize = 64)]
            [Specialize(Heads = 2, HeadSize = 64)]
            public static partial class C;
            """;
        Single(source, "FRG108");
    }

    [Fact]
    public void A_cell_with_errors_emits_no_code()
    {
        const string source = """
            using FlashRnn;
            [RnnCell(Gates = "g", States = "h")]
            [Equations("h = tanh(q)")]
            public static partial class C;
            """;
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratedTrees);
        Assert.Contains(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
