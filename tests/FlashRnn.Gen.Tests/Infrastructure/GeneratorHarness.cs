using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlashRnn.Gen.Tests.Infrastructure;

/// <summary>Runs <see cref="RnnCellGenerator"/> over in-memory sources, the way the compiler would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    /// <summary>.NET 8 reference assemblies plus FlashRnn.Runtime (attributes, tensors, CPU engine).</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        [.. Net80.References.All, MetadataReference.CreateFromFile(typeof(FlashRnn.RnnCellAttribute).Assembly.Location)];

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "UserAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Cell{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                optimizationLevel: OptimizationLevel.Release));

    public static GeneratorDriver CreateDriver(string? targetGpus = null)
    {
        var options = new DictionaryConfigOptions(targetGpus is null
            ? ImmutableDictionary<string, string>.Empty
            : ImmutableDictionary<string, string>.Empty.Add("build_property.FlashRnnTargetGpus", targetGpus));
        return CSharpGeneratorDriver.Create(
            [new RnnCellGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new ConfigOptionsProvider(options),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once; returns the run and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Run(string source, string? targetGpus = null)
    {
        CSharpCompilation input = CreateCompilation(source);
        GeneratorDriver driver = CreateDriver(targetGpus).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    private sealed class DictionaryConfigOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }

    private sealed class ConfigOptionsProvider(AnalyzerConfigOptions global) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new DictionaryConfigOptions(ImmutableDictionary<string, string>.Empty);
        public override AnalyzerConfigOptions GlobalOptions => global;
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }
}
