extern alias gen;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Printing;
using FlashRnn.Gen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Emit = gen::FlashRnn.Gen.Emit;
using GenPlanning = gen::FlashRnn.Planning;

namespace FlashRnn.Gen.Tests;

/// <summary>
/// The plan table keeps every field of a plan that is not at its default: a plan whose exchange through L2 is shared
/// in clusters (KernelPlan.ExchangeCluster), a backward split by rows of R (KernelPlan.BackwardRows) or over a grid of
/// row blocks (KernelPlan.BackwardRowBlocks), comes back
/// from the generated code with it, and says so in its comment. No built-in cell's plan uses exchange clusters, so
/// the snapshots do not show them.
/// </summary>
public class PlanTableEmitterTests
{
    [Theory]
    [InlineData(1, false, 1)]
    [InlineData(4, false, 1)]
    [InlineData(1, true, 1)]
    [InlineData(1, false, 8)]
    public void A_plan_survives_the_table_with_its_exchange_clusters(int exchangeCluster, bool rows, int rowBlocks)
    {
        var request = new GenPlanning.KernelPlanRequest(4, 2, 1, 768, GenPlanning.KernelDType.BFloat16, GenPlanning.KernelDirection.Backward);
        GenPlanning.KernelPlan plan = GenPlanning.KernelPlanner.Plan(request, GenPlanning.GpuProfiles.H100)
            with { ExchangeCluster = exchangeCluster, BackwardRows = rows, BackwardRowBlocks = rowBlocks };
        Assert.Equal(GenPlanning.KernelKind.Fused, plan.Kind);

        var writer = new CodeWriter();
        writer.WriteLine("public static class Table");
        writer.WriteLine("{");
        writer.Indent++;
        Emit.PlanTableEmitter.Write(writer, new[] { plan }.ToEquatableArray());
        writer.Indent--;
        writer.WriteLine("}");
        string text = writer.ToString();

        Assert.Equal(exchangeCluster > 1, text.Contains($"ExchangeCluster = {exchangeCluster},", StringComparison.Ordinal));
        Assert.Equal(exchangeCluster > 1, text.Contains($"shared in clusters of {exchangeCluster}", StringComparison.Ordinal));
        Assert.Equal(rows, text.Contains("BackwardRows = true,", StringComparison.Ordinal));
        Assert.Equal(rows, text.Contains(", split by rows of R, batch tile", StringComparison.Ordinal));
        Assert.Equal(rowBlocks > 1, text.Contains($"BackwardRowBlocks = {rowBlocks},", StringComparison.Ordinal));
        Assert.Equal(rowBlocks > 1, text.Contains($", a grid of {rowBlocks} row blocks of R, batch tile", StringComparison.Ordinal));

        // The table compiles against the runtime's FlashRnn.Planning (what user assemblies reference; the test sees it
        // by reflection, as both assemblies carry the namespace), and the plan it describes is the one written.
        var compilation = CSharpCompilation.Create("PlanTable", [CSharpSyntaxTree.ParseText(text, cancellationToken: TestContext.Current.CancellationToken)], GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var loaded = System.Reflection.Assembly.Load(image.ToArray());
        object table = loaded.GetType("Table")!.GetProperty("Plans")!.GetValue(null)!;
        object read = Assert.Single(((System.Collections.IEnumerable)table).Cast<object>());
        foreach (string field in new[] { "ExchangeCluster", "BackwardRows", "BackwardRowBlocks", "CtasPerHead", "BatchTile", "Warps", "RRegisterTiles", "InputStages",
            "UseCluster", "SharedMemoryBytes", "EstimatedMicrosecondsPerStep", "Reason" })
        {
            object? expected = typeof(GenPlanning.KernelPlan).GetProperty(field)!.GetValue(plan);
            Assert.Equal(expected, read.GetType().GetProperty(field)!.GetValue(read));
        }
    }
}
