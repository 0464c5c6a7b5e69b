using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FlashRnn.ConstrInt;

namespace FlashRnn.Planning
{
    /// <summary>Writes the human-readable "why ConstrINT chose this" of a plan.</summary>
    internal static class PlanReasons
    {
        /// <summary>A limit counts as binding when the plan uses at least this share of it.</summary>
        private const double BindingShare = 0.9;

        private const string FasterPlan = "a faster plan";

        /// <summary>
        /// Describes the chosen configuration and names the binding limits: the resource constraints the plan uses
        /// (almost) completely, with their numbers; when none is close, the one it uses most.
        /// </summary>
        public static string ForFused(FusedKernelModel model, KernelPlan plan, Assignment solution)
        {
            var text = new StringBuilder();
            text.Append(string.Format(
                CultureInfo.InvariantCulture,
                "Fused on {0}: {1} CTA{2} per head ({3}), batch tile {4}, {5} warps, {6} R tile{7} per warp in registers, inputs {13} step{14} ahead, {8:N0} B shared memory, ~{9} registers/thread, {10} CTA{11}/SM, ~{12:0.###} us/step.",
                model.Profile.Id,
                plan.CtasPerHead,
                plan.CtasPerHead == 1 ? "" : "s",
                plan.CtasPerHead == 1 ? "no exchange" : plan.UseCluster ? "cluster exchange through DSMEM"
                    : plan.ExchangeCluster > 1 ? $"exchange of tagged words through L2 shared in clusters of {plan.ExchangeCluster}, all CTAs resident"
                    : plan.BackwardRows ? "split by rows of R, drec all-gathered as tagged words through L2, all CTAs resident"
                    : "exchange of tagged words through L2, all CTAs resident",
                plan.BatchTile,
                plan.Warps,
                plan.RRegisterTiles,
                plan.RRegisterTiles == 1 ? "" : "s",
                plan.SharedMemoryBytes,
                plan.EstimatedRegistersPerThread,
                plan.CtasPerMultiprocessor,
                plan.CtasPerMultiprocessor == 1 ? "" : "s",
                plan.EstimatedMicrosecondsPerStep,
                plan.InputStages - 1,
                plan.InputStages == 2 ? "" : "s"));

            var usage = new List<(string Name, long Used, long Limit, double Share)>();
            foreach (Constraint constraint in model.Problem.Constraints)
            {
                bool limit = FusedKernelModel.Names.Resources.Contains(constraint.Name) || constraint.Name == FusedKernelModel.Names.RegisterTiles;
                if (!limit || constraint.Relation.Operator != RelationOperator.LessOrEqual)
                {
                    continue;
                }

                long used = solution.Evaluate(constraint.Relation.Left) ?? 0;
                long available = solution.Evaluate(constraint.Relation.Right) ?? 0;
                if (available > 0)
                {
                    usage.Add((constraint.Name, used, available, used / (double)available));
                }
            }

            var binding = usage.Where(u => u.Share >= BindingShare).OrderByDescending(u => u.Share).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
            if (binding.Count == 0 && usage.Count > 0)
            {
                binding.Add(usage.OrderByDescending(u => u.Share).ThenBy(u => u.Name, StringComparer.Ordinal).First());
                text.Append(" No limit is close; the fullest is ");
            }
            else
            {
                text.Append(" Binding: ");
            }

            text.Append(string.Join("; ", binding.Select(u => string.Format(
                CultureInfo.InvariantCulture, "{0} {1:N0} of {2:N0} ({3:0%})", u.Name, u.Used, u.Limit, u.Share))));
            text.Append('.');
            return text.ToString();
        }

        /// <summary>
        /// Asks ConstrINT why nothing is faster: the model plus "fewer cycles than the chosen plan" is infeasible,
        /// and its minimal conflict set names the constraints that together rule every faster plan out.
        /// </summary>
        public static string WhyNothingFaster(FusedKernelModel model, long cycles, SolverOptions options)
        {
            model.Problem.ClearObjective();
            model.Problem.AddConstraint(FasterPlan, model.StepCycles <= cycles - 1);
            SolveResult result = ConstraintSolver.Solve(model.Problem, options);
            if (result.Status != SolveStatus.Infeasible || result.Conflict is null)
            {
                return "ConstrINT could not prove within its limits that no faster plan exists (" + SolveResult.StatusText(result.Status) + ").";
            }

            string[] binding = result.Conflict.Items.Select(i => i.Constraint.Name).Where(n => n != FasterPlan).ToArray();
            var text = new StringBuilder();
            text.Append(binding.Length == 0
                ? "No faster plan exists even without any resource limit: this is the model's fastest configuration."
                : "Every faster plan violates at least one of: " + string.Join("; ", binding) + ".");
            text.Append('\n').Append(result.Conflict.Describe());
            return text.ToString();
        }

        public static string ForAlternating(KernelPlan plan, GpuProfile profile)
        {
            var text = new StringBuilder();
            text.Append(string.Format(
                CultureInfo.InvariantCulture,
                "Alternating on {0}: no fused configuration fits head size {1} ({2}, G={3}, {4}).",
                profile.Id,
                plan.Request.HeadSize,
                plan.Request.DType,
                plan.Request.Gates,
                plan.Request.Direction));
            if (plan.LimitingResource is not null)
            {
                text.Append(" The limiting resource is ").Append(plan.LimitingResource).Append('.');
            }

            text.Append(plan.LargestFusedHeadSize is int largest
                ? string.Format(CultureInfo.InvariantCulture, " The largest head size that fits fused is {0}.", largest)
                : " No smaller head size fits fused either.");
            if (plan.Conflict is not null)
            {
                text.Append('\n').Append(plan.Conflict);
            }

            return text.ToString();
        }
    }
}
