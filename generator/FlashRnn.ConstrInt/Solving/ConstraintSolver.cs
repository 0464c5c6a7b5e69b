using System;
using System.Diagnostics;
using FlashRnn.ConstrInt.Explaining;
using FlashRnn.ConstrInt.Solving;

namespace FlashRnn.ConstrInt
{
    /// <summary>
    /// Solves a <see cref="Problem"/>: bounds propagation (sums, products, division, remainder, min/max,
    /// divisibility) inside a complete depth-first branch and bound. Deterministic: the same problem and options
    /// give the same result, except where a time limit cuts the search.
    /// </summary>
    public static class ConstraintSolver
    {
        /// <summary>Finds an optimal solution (or proves there is none) within the options' limits.</summary>
        /// <param name="problem">The problem; it is read, not changed.</param>
        /// <param name="options">Limits and switches; <see cref="SolverOptions.Default"/> when null.</param>
        public static SolveResult Solve(Problem problem, SolverOptions? options = null)
        {
            if (problem is null)
            {
                throw new ArgumentNullException(nameof(problem));
            }

            options ??= SolverOptions.Default;
            if (options.NodeLimit is long nodes && nodes < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), nodes, "NodeLimit must be at least 1.");
            }

            Stopwatch clock = Stopwatch.StartNew();
            var compiled = new CompiledProblem(problem);
            Objective? objective = problem.Objective;
            SearchOutcome outcome = compiled.Search(
                null,
                objective?.Expression,
                objective?.Sense ?? ObjectiveSense.Minimize,
                options.NodeLimit ?? long.MaxValue,
                options.TimeLimit,
                clock);

            Assignment? solution = outcome.Best is null ? null : new Assignment(problem, outcome.Best);
            SolveStatus status = outcome.Complete
                ? solution is null ? SolveStatus.Infeasible : SolveStatus.Optimal
                : solution is null ? SolveStatus.LimitReached : SolveStatus.Feasible;

            Conflict? conflict = status == SolveStatus.Infeasible && options.ExplainConflicts
                ? ConflictExplainer.Explain(compiled, options, clock)
                : null;
            return new SolveResult(status, solution, outcome.Objective, outcome.Nodes, clock.Elapsed, conflict, outcome.LimitReason);
        }
    }
}
