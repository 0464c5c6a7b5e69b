using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using FlashRnn.ConstrInt.Solving;

namespace FlashRnn.ConstrInt.Explaining
{
    /// <summary>
    /// Finds a small set of conflicting constraints by deletion: each constraint in turn is dropped, and stays
    /// dropped when the others are still infeasible. What remains is a minimal conflict set. Constraints added
    /// later are tried last, so when several conflicts exist the explanation favours the later constraints
    /// (put structural rules first and resource limits last to get resource-centred explanations). Definitions of
    /// defined variables always stay and are never reported.
    /// </summary>
    internal static class ConflictExplainer
    {
        public static Conflict Explain(CompiledProblem compiled, SolverOptions options, Stopwatch clock)
        {
            Problem problem = compiled.Problem;
            int count = problem.Constraints.Count;
            var active = new bool[count];
            for (int i = 0; i < count; i++)
            {
                active[i] = true;
            }

            bool minimal = true;
            for (int i = 0; i < count; i++)
            {
                if (problem.Constraints[i].IsDefinition)
                {
                    continue; // definitions name values; they never explain a conflict
                }

                active[i] = false;
                SearchOutcome outcome = compiled.Search(active, null, ObjectiveSense.Minimize, options.ConflictNodeLimit, null, clock);
                bool stillInfeasible = outcome.Complete && outcome.Best is null;
                if (!stillInfeasible)
                {
                    active[i] = true;
                    minimal &= outcome.Complete;
                }
            }

            var items = new List<ConflictItem>();
            for (int i = 0; i < count; i++)
            {
                if (active[i] && !problem.Constraints[i].IsDefinition)
                {
                    items.Add(Describe(compiled, active, problem.Constraints[i], options, clock));
                }
            }

            return new Conflict(items, minimal);
        }

        /// <summary>For "expr &lt;= limit" style members, finds how small (or large) the others let expr be.</summary>
        private static ConflictItem Describe(CompiledProblem compiled, bool[] active, Constraint constraint, SolverOptions options, Stopwatch clock)
        {
            Relation relation = constraint.Relation;
            IntExpr? side;
            long limit;
            bool wantsSmall;
            if (relation.Right is ConstantExpr right && relation.Left is not ConstantExpr)
            {
                side = relation.Left;
                limit = right.Value;
                wantsSmall = relation.Operator is RelationOperator.LessOrEqual or RelationOperator.Less;
            }
            else if (relation.Left is ConstantExpr left && relation.Right is not ConstantExpr)
            {
                side = relation.Right;
                limit = left.Value;
                wantsSmall = relation.Operator is RelationOperator.GreaterOrEqual or RelationOperator.Greater;
            }
            else
            {
                return new ConflictItem(constraint, null, null);
            }

            if (relation.Operator is RelationOperator.Equal or RelationOperator.NotEqual or RelationOperator.Divides
                || options.ConflictBoundNodeLimit <= 0)
            {
                return new ConflictItem(constraint, null, null);
            }

            var others = (bool[])active.Clone();
            others[constraint.Index] = false;
            ObjectiveSense sense = wantsSmall ? ObjectiveSense.Minimize : ObjectiveSense.Maximize;
            SearchOutcome outcome = compiled.Search(others, side, sense, options.ConflictBoundNodeLimit, null, clock);
            if (!outcome.Complete || outcome.Objective is null)
            {
                return new ConflictItem(constraint, null, null);
            }

            long bound = outcome.Objective.Value;
            string detail = string.Format(
                CultureInfo.InvariantCulture,
                "with the other constraints listed, {0} is at {1} {2}; this one needs it {3} {4}",
                side,
                wantsSmall ? "least" : "most",
                bound,
                Relation.Symbol(SideOperator(relation, side)),
                limit);
            return new ConflictItem(constraint, bound, detail);
        }

        /// <summary>The operator as seen with <paramref name="side"/> on the left.</summary>
        private static RelationOperator SideOperator(Relation relation, IntExpr side)
        {
            if (ReferenceEquals(side, relation.Left))
            {
                return relation.Operator;
            }

            return relation.Operator switch
            {
                RelationOperator.LessOrEqual => RelationOperator.GreaterOrEqual,
                RelationOperator.Less => RelationOperator.Greater,
                RelationOperator.GreaterOrEqual => RelationOperator.LessOrEqual,
                RelationOperator.Greater => RelationOperator.Less,
                _ => relation.Operator,
            };
        }
    }
}
