using System;

namespace FlashRnn.ConstrInt
{
    /// <summary>Limits and switches for <see cref="ConstraintSolver.Solve"/>. Immutable.</summary>
    public sealed class SolverOptions
    {
        /// <summary>The options used when none are given: no limits, conflicts explained.</summary>
        public static SolverOptions Default { get; } = new SolverOptions();

        /// <summary>Maximum number of search nodes, or null for no limit.</summary>
        public long? NodeLimit { get; init; }

        /// <summary>Maximum wall-clock time, or null for no limit. The only source of run-to-run variation.</summary>
        public TimeSpan? TimeLimit { get; init; }

        /// <summary>Whether an infeasible result carries a <see cref="Conflict"/> (default true).</summary>
        public bool ExplainConflicts { get; init; } = true;

        /// <summary>
        /// Node limit of each sub-solve made while explaining a conflict (default 100,000). A sub-solve that hits it
        /// keeps its constraint in the explanation, which then may not be minimal (<see cref="Conflict.IsMinimal"/>).
        /// </summary>
        public long ConflictNodeLimit { get; init; } = 100_000;

        /// <summary>
        /// Node limit of the optimisation behind each <see cref="ConflictItem.ForcedBound"/> (default 20,000); when it
        /// is hit, that item simply has no bound. 0 skips the bounds.
        /// </summary>
        public long ConflictBoundNodeLimit { get; init; } = 20_000;
    }
}
