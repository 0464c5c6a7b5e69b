using System;
using System.Globalization;
using System.Text;

namespace FlashRnn.ConstrInt
{
    /// <summary>What <see cref="ConstraintSolver.Solve"/> found. Immutable.</summary>
    public sealed class SolveResult
    {
        internal SolveResult(SolveStatus status, Assignment? solution, long? objective, long nodes, TimeSpan elapsed, Conflict? conflict, string? limitReason)
        {
            Status = status;
            Solution = solution;
            Objective = objective;
            Nodes = nodes;
            Elapsed = elapsed;
            Conflict = conflict;
            LimitReason = limitReason;
        }

        /// <summary>Optimal, feasible (limit hit after a solution), infeasible, or limit reached (no solution yet).</summary>
        public SolveStatus Status { get; }

        /// <summary>True for <see cref="SolveStatus.Optimal"/> and <see cref="SolveStatus.Feasible"/>.</summary>
        public bool HasSolution => Solution is not null;

        /// <summary>The solution (the tie-break-first optimal one when <see cref="Status"/> is optimal), or null.</summary>
        public Assignment? Solution { get; }

        /// <summary>The objective value of <see cref="Solution"/>, or null without objective or solution.</summary>
        public long? Objective { get; }

        /// <summary>Search nodes visited by the main search (deterministic for a given problem and options).</summary>
        public long Nodes { get; }

        /// <summary>Wall-clock time of the solve, including any conflict explanation.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>For an infeasible problem with explanations enabled, the constraints that conflict; otherwise null.</summary>
        public Conflict? Conflict { get; }

        /// <summary>Which limit stopped the search, for <see cref="SolveStatus.Feasible"/> and <see cref="SolveStatus.LimitReached"/>.</summary>
        public string? LimitReason { get; }

        /// <summary>A human-readable report: status, objective, assignment or conflict.</summary>
        public override string ToString()
        {
            var builder = new StringBuilder();
            builder.Append("status: ").Append(StatusText(Status));
            if (LimitReason is not null)
            {
                builder.Append(" (").Append(LimitReason).Append(')');
            }

            if (Objective is long objective)
            {
                builder.Append("\nobjective: ").Append(objective.ToString(CultureInfo.InvariantCulture));
            }

            if (Solution is not null)
            {
                foreach (IntVar variable in Solution.Problem.Variables)
                {
                    builder.Append('\n').Append(variable.Name).Append(" = ")
                        .Append(Solution[variable].ToString(CultureInfo.InvariantCulture));
                }
            }

            if (Conflict is not null)
            {
                builder.Append('\n').Append(Conflict.Describe());
            }

            return builder.ToString();
        }

        /// <summary>The lower-case word the CLI prints for a status.</summary>
        public static string StatusText(SolveStatus status) => status switch
        {
            SolveStatus.Optimal => "optimal",
            SolveStatus.Feasible => "feasible",
            SolveStatus.Infeasible => "infeasible",
            _ => "limit reached",
        };
    }
}
