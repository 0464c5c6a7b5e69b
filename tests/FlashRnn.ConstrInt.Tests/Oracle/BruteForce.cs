using FlashRnn.ConstrInt;

namespace FlashRnn.ConstrInt.Tests.Oracle;

/// <summary>Enumerates every assignment in tie-break order and returns the first optimal one (tiny problems only).</summary>
internal static class BruteForce
{
    public static long DomainProduct(Problem problem) =>
        problem.Variables.Where(v => !v.IsDefined).Aggregate(1L, (product, v) => product * v.Domain.Size);

    /// <summary>The tie-break-first optimal assignment's values and objective, or null when infeasible.</summary>
    public static (long[] Values, long? Objective)? Solve(Problem problem)
    {
        // Defined variables are computed, not enumerated: a single placeholder value each.
        long[][] orders = problem.Variables
            .Select(v => v.IsDefined ? [0L] : v.Preference == ValuePreference.High ? v.Domain.Enumerate().Reverse().ToArray() : v.Domain.Enumerate().ToArray())
            .ToArray();
        var values = new long[orders.Length];
        (long[] Values, long? Objective)? best = null;
        Visit(0);
        return best;

        void Visit(int index)
        {
            if (index == orders.Length)
            {
                Consider();
                return;
            }

            foreach (long value in orders[index])
            {
                values[index] = value;
                Visit(index + 1);
            }
        }

        void Consider()
        {
            var assignment = new Dictionary<IntVar, long>();
            foreach (IntVar variable in problem.Variables)
            {
                if (variable.IsDefined)
                {
                    long? value = Evaluate(variable.Definition!, assignment);
                    if (value is null)
                    {
                        return;
                    }

                    values[variable.Index] = value.Value;
                }

                assignment[variable] = values[variable.Index];
            }

            foreach (Constraint constraint in problem.Constraints)
            {
                if (!Holds(constraint.Relation, assignment))
                {
                    return;
                }
            }

            long? objective = null;
            if (problem.Objective is not null)
            {
                objective = Evaluate(problem.Objective.Expression, assignment);
                if (objective is null)
                {
                    return;
                }

                bool better = best is null || (problem.Objective.Sense == ObjectiveSense.Minimize
                    ? objective < best.Value.Objective
                    : objective > best.Value.Objective);
                if (!better)
                {
                    return;
                }
            }
            else if (best is not null)
            {
                return;
            }

            best = ((long[])values.Clone(), objective);
        }
    }

    /// <summary>Independent reference semantics written with plain C# operators (values here are small).</summary>
    private static long? Evaluate(FlashRnn.ConstrInt.IntExpr expression, Dictionary<IntVar, long> assignment)
    {
        switch (expression)
        {
            case ConstantExpr constant:
                return constant.Value;
            case IntVar variable:
                return assignment[variable];
            case UnaryExpr unary:
                return -Evaluate(unary.Operand, assignment);
            case BinaryExpr binary:
                long? a = Evaluate(binary.Left, assignment);
                long? b = Evaluate(binary.Right, assignment);
                if (a is null || b is null)
                {
                    return null;
                }

                return binary.Kind switch
                {
                    ExprKind.Add => a + b,
                    ExprKind.Subtract => a - b,
                    ExprKind.Multiply => a * b,
                    ExprKind.Divide => b == 0 ? null : a / b,
                    ExprKind.Remainder => b == 0 ? null : a % b,
                    ExprKind.Min => Math.Min(a.Value, b.Value),
                    _ => Math.Max(a.Value, b.Value),
                };
            default:
                throw new ArgumentException("Unexpected node.", nameof(expression));
        }
    }

    private static bool Holds(Relation relation, Dictionary<IntVar, long> assignment)
    {
        long? left = Evaluate(relation.Left, assignment);
        long? right = Evaluate(relation.Right, assignment);
        if (left is null || right is null)
        {
            return false;
        }

        return relation.Operator switch
        {
            RelationOperator.LessOrEqual => left <= right,
            RelationOperator.Less => left < right,
            RelationOperator.Equal => left == right,
            RelationOperator.NotEqual => left != right,
            RelationOperator.GreaterOrEqual => left >= right,
            RelationOperator.Greater => left > right,
            _ => left != 0 && right % left == 0,
        };
    }
}
