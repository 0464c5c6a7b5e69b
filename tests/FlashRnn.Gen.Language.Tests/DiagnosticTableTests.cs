using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>
/// The diagnostics table is complete and consistent, and every cell-language diagnostic is produced, alone and at
/// the exact characters, by a malformed declaration written for it.
/// </summary>
public class DiagnosticTableTests
{
    private static readonly string Deep = "h = " + new string('(', 250) + "g" + new string(')', 250);

    /// <summary>One malformed declaration per cell-language diagnostic; the expected span is marked « ».</summary>
    private static readonly (string Id, MarkedCell Cell)[] OnePerDiagnostic =
    {
        ("FRG001", new MarkedCell(equations: "h = tanh(g) «^» 2")),
        ("FRG002", new MarkedCell(equations: "h = tanh(«2x» * g)")),
        ("FRG003", new MarkedCell(equations: "h = tanh(g) * «1e39»")),
        ("FRG004", new MarkedCell(equations: "h = tanh(g) «g»")),
        ("FRG005", new MarkedCell(equations: "h = tanh(g) «+»")),
        ("FRG006", new MarkedCell(equations: "h = tanh«(»g")),
        ("FRG007", new MarkedCell(equations: "h = tanh(g)«)»")),
        ("FRG008", new MarkedCell(equations: "h «tanh»(g)")),
        ("FRG009", new MarkedCell(equations: "h = g > 0 «?» g")),
        ("FRG010", new MarkedCell(equations: "«»# nothing yet\n")),
        // Each '(' costs two nesting levels (the parenthesis and the expression inside), so level 201 is reached at '(' #100.
        ("FRG011", new MarkedCell(equations: Deep.Substring(0, 104) + "«(»" + Deep.Substring(105))),
        ("FRG012", new MarkedCell(gates: "g «1x»")),
        ("FRG013", new MarkedCell(states: "h «first»")),
        ("FRG014", new MarkedCell(gates: "g «g»")),
        ("FRG015", new MarkedCell(states: "h, «h»")),
        ("FRG016", new MarkedCell(states: "h «g»")),
        ("FRG017", new MarkedCell(gates: "«»", equations: "h = 1")),
        ("FRG018", new MarkedCell(states: "« »", equations: "t = tanh(g)")),
        ("FRG019", new MarkedCell(recurrent: "«q»")),
        ("FRG020", new MarkedCell(states: "h c", equations: "h = tanh(g)\nc = h", recurrent: "«h c»")),
        ("FRG021", new MarkedCell(outputs: "h «q»")),
        ("FRG022", new MarkedCell(outputs: "h, «h»")),
        ("FRG023", new MarkedCell(initial: "«h 1»")),
        ("FRG024", new MarkedCell(initial: "h = «g»")),
        ("FRG025", new MarkedCell(initial: "«q» = 1")),
        ("FRG026", new MarkedCell(initial: "h = 1, «h» = 2")),
        ("FRG030", new MarkedCell(equations: "h = tanh(«q»)")),
        ("FRG031", new MarkedCell(states: "h «c»")),
        ("FRG032", new MarkedCell(equations: "h = tanh(g)\n«h» = g")),
        ("FRG033", new MarkedCell(equations: "t = g\n«t» = g * 2\nh = tanh(t)")),
        ("FRG034", new MarkedCell(equations: "«g» = 1\nh = tanh(g)")),
        ("FRG035", new MarkedCell(equations: "«g.input» = 1\nh = tanh(g)")),
        ("FRG036", new MarkedCell(equations: "h = «tanhh»(g)")),
        ("FRG037", new MarkedCell(equations: "h = «max(g)»")),
        ("FRG038", new MarkedCell(equations: "h = «tanh» * g")),
        ("FRG039", new MarkedCell(equations: "h = tanh(g.«inptu»)")),
        ("FRG040", new MarkedCell(equations: "h = tanh(g + «h».input)")),
        ("FRG041", new MarkedCell(equations: "h = («g > 0») * 2")),
        ("FRG042", new MarkedCell(equations: "h = «g» ? 1 : 0")),
        ("FRG043", new MarkedCell(equations: "h = «first» * g")),
        ("FRG044", new MarkedCell(equations: "h = tanh(a)\n«a» = b + g\nb = a * 2")),
        ("FRG050", new MarkedCell(gates: "g «u»")),
        ("FRG051", new MarkedCell(equations: "«t» = g * 2\nh = tanh(g)")),
    };

    /// <summary>More malformed declarations: other places and shapes of the same mistakes.</summary>
    private static readonly (string Id, MarkedCell Cell)[] MoreCases =
    {
        ("FRG001", new MarkedCell(equations: "«$» = 1\nh = tanh(g)")),
        ("FRG002", new MarkedCell(equations: "h = tanh(«.5» * g)")),
        ("FRG002", new MarkedCell(initial: "h = «1e»")),
        ("FRG003", new MarkedCell(initial: "h = «-1e39»")),
        ("FRG004", new MarkedCell(equations: "h = g «=» 1")),
        ("FRG005", new MarkedCell(equations: "h «=»\n")),
        ("FRG005", new MarkedCell(equations: "h = max(g«,» )")),
        ("FRG005", new MarkedCell(states: "h c", equations: "h = max(g«,»\n    ,\n    1)\nc = h")),
        ("FRG006", new MarkedCell(states: "h c", equations: "h = tanh«(»g +\n    g\nc = h")),
        ("FRG008", new MarkedCell(equations: "h «==» tanh(g)")),
        ("FRG008", new MarkedCell(equations: "h = tanh(g)\n«+» 1")),
        ("FRG013", new MarkedCell(equations: "«exp» = g\nh = tanh(g)")),
        ("FRG013", new MarkedCell(gates: "g «sigmoid»")),
        ("FRG023", new MarkedCell(initial: "«= 1»")),
        ("FRG030", new MarkedCell(equations: "h = tanh(«q».input)")),
        ("FRG036", new MarkedCell(equations: "h = «h»(g)")),
        ("FRG037", new MarkedCell(equations: "h = «sigmoid(g, g)»")),
        ("FRG041", new MarkedCell(equations: "h = «g < 1» < 2 ? 1 : 0")),
        ("FRG044", new MarkedCell(equations: "«h» = tanh(t)\nt = h + g")),
        ("FRG044", new MarkedCell(equations: "«t» = t + g\nh = tanh(t)")),
    };

    [Fact]
    public void Each_malformed_declaration_gets_exactly_its_diagnostic_at_the_marked_span()
    {
        var failures = new List<string>();
        foreach ((string id, MarkedCell cell) in OnePerDiagnostic.Concat(MoreCases))
        {
            CellCompilation compilation = CellCompiler.Compile(cell.Text);
            string got = string.Join("\n  ", compilation.Diagnostics);
            bool ok = compilation.Diagnostics.Count == 1 &&
                      compilation.Diagnostics[0] is { } d &&
                      d.Id == id && d.Part == cell.Part && d.Span == cell.Span && !d.Message.Contains('{') &&
                      (d.Severity == CellDiagnosticSeverity.Error) == (compilation.Model is null);
            if (!ok) failures.Add($"Expected {id} at {cell.Part}{cell.Span} for\n{cell}\ngot\n  {got}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void Every_cell_language_diagnostic_has_its_own_malformed_declaration()
    {
        List<string> ids = OnePerDiagnostic.Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids.Count >= 25);

        IEnumerable<string> language = DiagnosticTable.All
            .Where(d => d.Category == DiagnosticTable.LanguageCategory && d != DiagnosticTable.InternalError)
            .Select(d => d.Id);
        Assert.Equal(language.OrderBy(x => x), ids.OrderBy(x => x));
    }

    [Fact]
    public void Ids_are_unique_well_formed_and_in_their_category_range()
    {
        Assert.Equal(DiagnosticTable.All.Count, DiagnosticTable.All.Select(d => d.Id).Distinct().Count());
        foreach (CellDiagnosticDescriptor descriptor in DiagnosticTable.All)
        {
            Assert.Matches("^FRG[0-9]{3}$", descriptor.Id);
            int number = int.Parse(descriptor.Id.Substring(3), CultureInfo.InvariantCulture);
            (int low, int high) = descriptor.Category switch
            {
                DiagnosticTable.LanguageCategory => (1, 99),
                DiagnosticTable.DeclarationCategory => (100, 149),
                DiagnosticTable.PlannerCategory => (150, 199),
                _ => (0, -1),
            };
            Assert.InRange(number, low, high);
            Assert.Same(descriptor, DiagnosticTable.ById(descriptor.Id));
        }
    }

    [Fact]
    public void The_table_lists_every_descriptor_field()
    {
        IEnumerable<object?> fields = typeof(DiagnosticTable).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(CellDiagnosticDescriptor))
            .Select(f => f.GetValue(null));
        Assert.Equal(fields.Count(), DiagnosticTable.All.Count);
        Assert.All(fields, f => Assert.Contains((CellDiagnosticDescriptor)f!, DiagnosticTable.All));
    }

    [Fact]
    public void Every_message_formats_and_ends_with_what_to_do()
    {
        foreach (CellDiagnosticDescriptor descriptor in DiagnosticTable.All)
        {
            int placeholders = Regex.Matches(descriptor.MessageFormat, @"\{(\d+)\}")
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            string message = descriptor.FormatMessage(Enumerable.Range(0, placeholders).Select(i => "arg" + i).ToEquatableArrayForTest());
            Assert.DoesNotContain("{", message);
            Assert.Contains("; ", message);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title));
        }
    }

    [Fact]
    public void Several_independent_mistakes_are_all_reported()
    {
        var text = new CellText("g g", "h c", "h = tanh(q)\nc = max(g)\nt = (g\nh = 1");
        CellCompilation compilation = CellCompiler.Compile(text);

        Assert.Equal(new[] { "FRG014", "FRG006", "FRG032", "FRG030", "FRG037" }, compilation.Diagnostics.Select(d => d.Id));
        Assert.Null(compilation.Model);
    }

    [Fact]
    public void Unknown_names_and_functions_suggest_the_closest_spelling()
    {
        CellCompilation names = CellCompiler.Compile(new CellText("forget", "h", "h = tanh(forgte)"));
        Assert.Contains("did you mean 'forget'?", names.Diagnostics[0].Message);
        CellCompilation functions = CellCompiler.Compile(new CellText("g", "h", "h = Sigmoid(g)"));
        Assert.Contains("did you mean 'sigmoid'?", functions.Diagnostics[0].Message);
    }

    [Fact]
    public void A_cycle_is_named_in_order()
    {
        CellCompilation compilation = CellCompiler.Compile(new CellText("g", "h", "h = tanh(a)\na = b + g\nb = a * 2"));
        Assert.Contains("(a -> b -> a)", compilation.Diagnostics[0].Message);
    }
}

internal static class EquatableArrayTestExtensions
{
    public static Collections.EquatableArray<string> ToEquatableArrayForTest(this IEnumerable<string> items)
        => Collections.EquatableArray.ToEquatableArray(items);
}
