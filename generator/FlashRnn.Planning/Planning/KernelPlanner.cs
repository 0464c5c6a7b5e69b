using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FlashRnn.ConstrInt;

namespace FlashRnn.Planning
{
    /// <summary>
    /// Plans the fused recurrent kernel for a request on a GPU profile: writes the resource model as a ConstrINT
    /// problem, solves it for the lowest estimated time per step, and explains the choice. When no fused
    /// configuration fits, the plan is the alternating kernel, with the conflicting resources and the largest head
    /// size that would fit. Deterministic: the same request and profile give the same plan.
    /// </summary>
    public static class KernelPlanner
    {
        /// <summary>Search nodes per solve; far above what the model needs, so it only guards against surprises.</summary>
        private const long NodeLimit = 2_000_000;

        private static readonly SolverOptions Options = new SolverOptions { NodeLimit = NodeLimit, ConflictNodeLimit = 200_000, ConflictBoundNodeLimit = 1_000 };

        /// <summary>Plans <paramref name="request"/> for <paramref name="profile"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A request field is out of range (see <see cref="KernelPlanRequest.Validate"/>).</exception>
        public static KernelPlan Plan(KernelPlanRequest request, GpuProfile profile)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (profile is null)
            {
                throw new ArgumentNullException(nameof(profile));
            }

            request.Validate();
            if (request.HeadSize % CostModel.Tile != 0)
            {
                return UntileablePlan(request, profile);
            }

            var model = new FusedKernelModel(request, profile);
            SolveResult result = ConstraintSolver.Solve(model.Problem, Options);
            return result.HasSolution
                ? FusedPlan(model, result)
                : AlternatingPlan(model, result);
        }

        /// <summary>Plans every request for every profile (request-major order).</summary>
        public static IReadOnlyList<KernelPlan> PlanAll(IEnumerable<KernelPlanRequest> requests, IEnumerable<GpuProfile> profiles)
        {
            GpuProfile[] profileList = (profiles ?? throw new ArgumentNullException(nameof(profiles))).ToArray();
            return (requests ?? throw new ArgumentNullException(nameof(requests)))
                .SelectMany(request => profileList.Select(profile => Plan(request, profile)))
                .ToArray();
        }

        /// <summary>
        /// Explains a fused plan's choice in depth (slower than <see cref="Plan"/>, for diagnostics and tools): ConstrINT
        /// proves that no configuration beats the plan's estimate and reports the minimal set of constraints that rule
        /// every faster one out. For an alternating plan, returns its reason.
        /// </summary>
        public static string ExplainChoice(KernelPlanRequest request, GpuProfile profile)
        {
            KernelPlan plan = Plan(request, profile);
            if (plan.Kind != KernelKind.Fused)
            {
                return plan.Reason;
            }

            var model = new FusedKernelModel(request, profile);
            long cycles = (long)Math.Round(plan.EstimatedMicrosecondsPerStep * profile.ClockMHz);
            SolveResult best = ConstraintSolver.Solve(model.Problem, new SolverOptions { NodeLimit = NodeLimit, ExplainConflicts = false });
            cycles = best.Objective ?? cycles;
            return plan.Reason + "\n" + PlanReasons.WhyNothingFaster(new FusedKernelModel(request, profile), cycles, Options);
        }

        /// <summary>The fused kernel's resource model as a ConstrINT problem (for inspection, the CLI or other solvers).</summary>
        public static Problem BuildModel(KernelPlanRequest request, GpuProfile profile)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            request.Validate();
            return new FusedKernelModel(request, profile ?? throw new ArgumentNullException(nameof(profile))).Problem;
        }

        private static KernelPlan FusedPlan(FusedKernelModel model, SolveResult result)
        {
            Assignment solution = result.Solution!;
            long cycles = solution[model.StepCycles];
            var plan = new KernelPlan
            {
                Request = model.Request,
                ProfileId = model.Profile.Id,
                Kind = KernelKind.Fused,
                CtasPerHead = (int)solution[model.CtasPerHead],
                BatchTile = (int)solution[model.BatchTile],
                Warps = (int)solution[model.Warps],
                RRegisterTiles = (int)solution[model.RegisterTiles],
                InputStages = (int)solution[model.InputStages],
                UseCluster = solution[model.UseCluster] == 1,
                ExchangeCluster = (int)solution[model.ExchangeCluster],
                BackwardRows = solution[model.BackwardRows] == 1,
                StoreGates = model.Request.AllowStoredGates,
                SharedMemoryBytes = (int)solution[model.SharedMemory],
                EstimatedRegistersPerThread = (int)solution[model.Registers],
                CtasPerMultiprocessor = (int)solution[model.CtasPerSm],
                GridCtas = (int)solution[model.GridCtas],
                EstimatedMicrosecondsPerStep = Math.Round(cycles / (double)model.Profile.ClockMHz, 4),
            };
            return plan with { Reason = PlanReasons.ForFused(model, plan, solution) };
        }

        /// <summary>
        /// The fused kernels' tensor-core tiles are 16 wide along the head, so a head size that is not a multiple of 16
        /// has no fused configuration at all; that is said directly rather than derived by the solver.
        /// </summary>
        private static KernelPlan UntileablePlan(KernelPlanRequest request, GpuProfile profile)
        {
            int below = request.HeadSize / CostModel.Tile * CostModel.Tile;
            var plan = new KernelPlan
            {
                Request = request,
                ProfileId = profile.Id,
                Kind = KernelKind.Alternating,
                EstimatedMicrosecondsPerStep = AlternatingMicroseconds(request, profile),
                LimitingResource = "head size is a multiple of 16",
                Conflict = $"These constraints cannot all hold together:\n  - head size is a multiple of 16: DH % 16 == 0 (the fused kernels' MMA tiles are 16 wide; DH = {request.HeadSize})",
                LargestFusedHeadSize = below >= CostModel.Tile ? LargestFusedHeadSize(request with { HeadSize = below + 1 }, profile) : null,
            };
            return plan with { Reason = PlanReasons.ForAlternating(plan, profile) };
        }

        private static KernelPlan AlternatingPlan(FusedKernelModel model, SolveResult result)
        {
            KernelPlanRequest request = model.Request;
            GpuProfile profile = model.Profile;
            int? largest = LargestFusedHeadSize(request, profile);
            string? limiting = null;
            string conflictText;
            if (result.Status == SolveStatus.Infeasible && result.Conflict is not null)
            {
                Conflict conflict = result.Conflict;
                // Name the most direct hardware limit in the conflict (Names.Resources lists them by priority).
                limiting = FusedKernelModel.Names.Resources.FirstOrDefault(r => conflict.Items.Any(i => i.Constraint.Name == r))
                    ?? conflict.Items.Last().Constraint.Name;
                conflictText = conflict.Describe();
            }
            else
            {
                limiting = null;
                conflictText = "The planner's search limit was reached before a fused configuration was found: " + result.LimitReason + ".";
            }

            var plan = new KernelPlan
            {
                Request = request,
                ProfileId = profile.Id,
                Kind = KernelKind.Alternating,
                EstimatedMicrosecondsPerStep = AlternatingMicroseconds(request, profile),
                LimitingResource = limiting,
                Conflict = conflictText,
                LargestFusedHeadSize = largest,
            };
            return plan with { Reason = PlanReasons.ForAlternating(plan, profile) };
        }

        /// <summary>The largest head size below the requested one whose fused model has a solution, or null.</summary>
        private static int? LargestFusedHeadSize(KernelPlanRequest request, GpuProfile profile)
        {
            if (request.HeadSize <= CostModel.Tile)
            {
                return null;
            }

            var model = new FusedKernelModel(request, profile, largestHeadSizeBelow: request.HeadSize);
            SolveResult result = ConstraintSolver.Solve(model.Problem, new SolverOptions { NodeLimit = NodeLimit, ExplainConflicts = false });
            return result.HasSolution ? (int)result.Solution![model.HeadSize!] : null;
        }

        /// <summary>Rough per-step time of the alternating kernel: two graph launches, the GEMM on all SMs, the pointwise kernel.</summary>
        private static double AlternatingMicroseconds(KernelPlanRequest request, GpuProfile profile)
        {
            double rows = (double)request.TypicalBatchSize * request.Heads;
            double macs = rows * request.Gates * request.HeadSize * (double)request.HeadSize;
            double macsPerCycle = profile.TensorMacsPerClockPerMultiprocessor * (request.DType == KernelDType.Float32 ? 0.5 : 1.0) * profile.MultiprocessorCount;
            double pointwiseCycles = rows * request.HeadSize * (request.Gates + request.States) / CostModel.PointwiseUnitsPerCycleDivisor / profile.MultiprocessorCount;
            double cycles = (macs / macsPerCycle) + pointwiseCycles;
            double factor = request.Direction == KernelDirection.Backward ? 2.0 : 1.0;
            return Math.Round(factor * ((2 * CostModel.GraphLaunchMicroseconds) + (cycles / profile.ClockMHz)), 4);
        }
    }
}
