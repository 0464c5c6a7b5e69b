using System.Reflection;
using System.Text;
using FlashRnn.Gen.Language.Printing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashRnn.Gen.Language.Tests.Support;

/// <summary>
/// Compiles the C# printer's output for many cells into one in-memory assembly, each cell a static class with the
/// runtime's <c>IPointwiseCell</c> method shapes (arrays for spans), calling the real <c>CellMath</c>.
/// </summary>
internal static class PrintedCSharp
{
    public static Assembly Compile(IReadOnlyList<CellModel> models)
    {
        var source = new StringBuilder("using System;\nusing System.Numerics;\nusing FlashRnn.Cpu;\n\n");
        for (int i = 0; i < models.Count; i++) AppendCell(source, "Cell" + i, models[i]);

        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(typeof(FlashRnn.Cpu.CellMath).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        CSharpCompilation compilation = CSharpCompilation.Create("PrintedCells" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest)) },
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Assert.True(result.Success, "The printed C# does not compile:\n" +
            string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        return Assembly.Load(image.ToArray());
    }

    private static void AppendCell(StringBuilder source, string name, CellModel model)
    {
        const string constraint = "where T : IFloatingPointIeee754<T>";
        source.Append("public static class ").Append(name).Append("\n{\n");
        source.Append("    public static void Forward<T>(T[] gateInput, T[] gateRecurrent, T[] state, T[] newState, bool firstStep) ")
            .Append(constraint).Append("\n    {\n");
        source.Append(ProgramPrinter.Print(model, model.Forward, CodeDialect.CSharp, IndexedSpelling.CpuReference, indent: 2));
        source.Append("    }\n\n");
        source.Append("    public static void Backward<T>(T[] gateInput, T[] gateRecurrent, T[] state, bool firstStep, T[] dNewState, ")
            .Append("T[] dGateInput, T[] dGateRecurrent, T[] dState) ").Append(constraint).Append("\n    {\n");
        source.Append(ProgramPrinter.Print(model, model.Backward, CodeDialect.CSharp, IndexedSpelling.CpuReference, indent: 2));
        source.Append("    }\n}\n\n");
    }
}
