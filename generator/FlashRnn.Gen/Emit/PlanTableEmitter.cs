using System.Globalization;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Printing;
using FlashRnn.Planning;

namespace FlashRnn.Gen.Emit;

/// <summary>
/// Writes the build-time kernel plans as a C# table: one entry per [Specialize] shape, direction and target GPU,
/// each with a comment that says what ConstrINT chose and why, so the constants stand together with their reason.
/// </summary>
internal static class PlanTableEmitter
{
    private const string Planning = "global::FlashRnn.Planning";

    public static void Write(CodeWriter w, EquatableArray<KernelPlan> plans)
    {
        w.WriteLine("/// <summary>The kernel plans ConstrINT made at build time, per [Specialize] shape, direction and target GPU.</summary>");
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Planning}.KernelPlan> Plans {{ get; }} = new {Planning}.KernelPlan[]");
        w.WriteLine("{");
        w.Indent++;
        foreach (KernelPlan plan in plans) WriteEntry(w, plan);
        w.Indent--;
        w.WriteLine("};");
    }

    private static void WriteEntry(CodeWriter w, KernelPlan plan)
    {
        KernelPlanRequest r = plan.Request;
        string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
        string Bool(bool v) => v ? "true" : "false";
        string? OptionalString(string? v) => v is null ? "null" : Names.Literal(v);

        string summary = plan.Kind == KernelKind.Fused
            ? $"fused: {Int(plan.CtasPerHead)} CTA(s) per head{(plan.UseCluster ? " in a cluster" : plan.CtasPerHead > 1 ? " exchanging tagged words through L2" : "")}{(plan.ExchangeCluster > 1 ? $" shared in clusters of {Int(plan.ExchangeCluster)}" : "")}{(plan.BackwardRows ? ", split by rows of R" : "")}{(plan.BackwardRowBlocks > 1 ? $", a grid of {Int(plan.BackwardRowBlocks)} row blocks of R" : "")}, batch tile {Int(plan.BatchTile)}, {Int(plan.Warps)} warps, {Int(plan.RRegisterTiles)} R tiles per warp in registers, {Int(plan.InputStages)} input stages, ~{plan.EstimatedMicrosecondsPerStep.ToString("0.###", CultureInfo.InvariantCulture)} us/step"
            : "alternating: no fused kernel fits";
        w.WriteLine($"// {plan.ProfileId}, {Int(r.Heads)}x{Int(r.HeadSize)} {r.DType}, {r.Direction.ToString().ToLowerInvariant()}: {summary}");
        foreach (string line in (plan.Kind == KernelKind.Fused ? plan.Reason : plan.Conflict ?? plan.Reason).Split('\n'))
            w.WriteLine("//   " + line.TrimEnd());
        w.WriteLine("new()");
        w.WriteLine("{");
        w.Indent++;
        w.WriteLine($"Request = new({Int(r.Gates)}, {Int(r.States)}, {Int(r.Heads)}, {Int(r.HeadSize)}, {Planning}.KernelDType.{r.DType}, " +
                    $"{Planning}.KernelDirection.{r.Direction}, {Int(r.TypicalBatchSize)}, {Int(r.RecurrentState)}, {Bool(r.AllowStoredGates)}),");
        w.WriteLine($"ProfileId = {Names.Literal(plan.ProfileId)}, Kind = {Planning}.KernelKind.{plan.Kind},");
        w.WriteLine($"CtasPerHead = {Int(plan.CtasPerHead)}, BatchTile = {Int(plan.BatchTile)}, Warps = {Int(plan.Warps)}, RRegisterTiles = {Int(plan.RRegisterTiles)}, InputStages = {Int(plan.InputStages)}, " +
                    $"UseCluster = {Bool(plan.UseCluster)}, {(plan.ExchangeCluster > 1 ? $"ExchangeCluster = {Int(plan.ExchangeCluster)}, " : "")}{(plan.BackwardRows ? "BackwardRows = true, " : "")}{(plan.BackwardRowBlocks > 1 ? $"BackwardRowBlocks = {Int(plan.BackwardRowBlocks)}, " : "")}StoreGates = {Bool(plan.StoreGates)},");
        w.WriteLine($"SharedMemoryBytes = {Int(plan.SharedMemoryBytes)}, EstimatedRegistersPerThread = {Int(plan.EstimatedRegistersPerThread)}, " +
                    $"CtasPerMultiprocessor = {Int(plan.CtasPerMultiprocessor)}, GridCtas = {Int(plan.GridCtas)}, EstimatedMicrosecondsPerStep = {Names.Literal(plan.EstimatedMicrosecondsPerStep)},");
        w.WriteLine($"Reason = {Names.Literal(plan.Reason)},");
        w.WriteLine($"LimitingResource = {OptionalString(plan.LimitingResource)}, Conflict = {OptionalString(plan.Conflict)}, " +
                    $"LargestFusedHeadSize = {(plan.LargestFusedHeadSize is int largest ? Int(largest) : "null")},");
        w.Indent--;
        w.WriteLine("},");
    }
}
