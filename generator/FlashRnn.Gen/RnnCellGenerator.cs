using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using FlashRnn.Gen.Model;

namespace FlashRnn.Gen;

/// <summary>
/// The FlashRnn.Gen incremental generator. For every class marked [RnnCell] it compiles the declared equations,
/// derives the backward pass, plans the GPU kernels for the target GPU profiles, and emits the cell's typed API,
/// its CPU reference and its CUDA source.
/// </summary>
/// <remarks>
/// Pipeline (each stage's output compares by value, so an edit elsewhere in the project re-runs nothing):
/// <list type="number">
/// <item><description><c>CellDeclarations</c>: the parser reads the attributes into a <see cref="CellDeclaration"/>.</description></item>
/// <item><description><c>CellModels</c>: the equation compiler turns it into a <see cref="CellUnit"/> (model + diagnostics).</description></item>
/// <item><description><c>TargetGpus</c>: the MSBuild property FlashRnnTargetGpus, read from the analyzer config.</description></item>
/// <item><description><c>CellPlans</c>: ConstrINT plans the kernels of each specialisation for each target GPU.</description></item>
/// <item><description>The emitter writes <c>{Class}.FlashRnn.g.cs</c>.</description></item>
/// </list>
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class RnnCellGenerator : IIncrementalGenerator
{
    internal static class StepNames
    {
        public const string CellDeclarations = nameof(CellDeclarations);
        public const string CellModels = nameof(CellModels);
        public const string TargetGpus = nameof(TargetGpus);
        public const string CellPlans = nameof(CellPlans);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<CellDeclaration> declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                RnnCellAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => Parser.Read(ctx, ct))
            .WithTrackingName(StepNames.CellDeclarations);

        IncrementalValuesProvider<CellUnit> models = declarations
            .Select(static (declaration, _) => Analyzer.Analyze(declaration))
            .WithTrackingName(StepNames.CellModels);

        IncrementalValueProvider<TargetGpuSelection> targets = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => TargetGpuSelection.Read(options.GlobalOptions))
            .WithTrackingName(StepNames.TargetGpus);

        IncrementalValuesProvider<PlannedCell> planned = models
            .Combine(targets)
            .Select(static (pair, _) => Planner.Plan(pair.Left, pair.Right))
            .WithTrackingName(StepNames.CellPlans);

        context.RegisterSourceOutput(planned, static (spc, cell) =>
        {
            foreach (DiagnosticInfo diagnostic in cell.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (cell.Unit.Model is not null)
                spc.AddSource($"{cell.Unit.Declaration.HintName}.FlashRnn.g.cs", Emitter.Emit(cell));
        });
    }
}
