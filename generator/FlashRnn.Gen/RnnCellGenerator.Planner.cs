using System.Collections.Generic;
using System.Linq;
using FlashRnn.Gen.Language;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Model;
using FlashRnn.Planning;

namespace FlashRnn.Gen;

public sealed partial class RnnCellGenerator
{
    /// <summary>
    /// The planning stage: for every [Specialize] shape and dtype, each direction and each target GPU profile,
    /// ConstrINT plans the fused kernel. A shape no fused kernel fits is reported naming the resource and the
    /// largest head size that fits; the alternating kernel then runs for it (the runtime says so again, through
    /// RnnKernels.KernelSelected). It is a warning for GPUs the project names in FlashRnnTargetGpus, and an
    /// informational message for the default set (every known profile), where some small GPU not fitting a large
    /// shape is expected and should not break builds that treat warnings as errors.
    /// </summary>
    internal static class Planner
    {
        public static PlannedCell Plan(CellUnit unit, TargetGpuSelection targets)
        {
            var diagnostics = new List<DiagnosticInfo>(unit.Diagnostics);
            CellModel? model = unit.Model;
            if (model is null || unit.Declaration.Specializations.Count == 0)
                return new PlannedCell(unit, EquatableArray<KernelPlan>.Empty, diagnostics.ToEquatableArray());

            IReadOnlyList<GpuProfile> profiles = ResolveTargets(unit, targets, diagnostics);
            var plans = new List<KernelPlan>();
            foreach (Specialization spec in unit.Declaration.Specializations)
            {
                foreach (KernelDirection direction in new[] { KernelDirection.Forward, KernelDirection.Backward })
                {
                    var request = new KernelPlanRequest(model.GateCount, model.StateCount, spec.Heads, spec.HeadSize,
                        (KernelDType)spec.DType, direction, RecurrentState: model.RecurrentState);
                    foreach (GpuProfile profile in profiles)
                    {
                        KernelPlan plan = KernelPlanner.Plan(request, profile);
                        plans.Add(plan);
                        if (plan.Kind == KernelKind.Alternating)
                        {
                            diagnostics.Add(Demote(targets.Names.Count == 0, DiagnosticInfo.Create(
                                direction == KernelDirection.Forward ? DiagnosticTable.NoFusedForwardPlan : DiagnosticTable.NoFusedBackwardPlan,
                                spec.Location, unit.Declaration.ClassName, $"{spec.Heads}x{spec.HeadSize} {spec.DTypeName}", profile.Name,
                                OneLine(plan.Conflict ?? plan.Reason), plan.LargestFusedHeadSize?.ToString() ?? "none")));
                        }
                    }
                }
            }
            return new PlannedCell(unit, plans.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        private static DiagnosticInfo Demote(bool asInfo, DiagnosticInfo diagnostic) => asInfo ? diagnostic with { AsInfo = true } : diagnostic;

        /// <summary>A compiler message is one line: the explanation's lines joined.</summary>
        private static string OneLine(string text)
            => string.Join("; ", text.Split('\n').Select(l => l.Trim().TrimEnd(':')).Where(l => l.Length > 0));

        private static IReadOnlyList<GpuProfile> ResolveTargets(CellUnit unit, TargetGpuSelection targets, List<DiagnosticInfo> diagnostics)
        {
            if (targets.Names.Count == 0) return GpuProfiles.Default;
            var profiles = new List<GpuProfile>();
            foreach (string name in targets.Names)
            {
                if (string.Equals(name, "all", System.StringComparison.OrdinalIgnoreCase)) profiles.AddRange(GpuProfiles.All);
                else if (GpuProfiles.TryGet(name, out GpuProfile profile)) profiles.Add(profile);
                else diagnostics.Add(DiagnosticInfo.Create(DiagnosticTable.UnknownTargetGpu, unit.Declaration.ClassLocation, name,
                    string.Join(", ", GpuProfiles.All.Select(p => p.Id))));
            }
            return profiles.Distinct().ToArray();
        }
    }
}
