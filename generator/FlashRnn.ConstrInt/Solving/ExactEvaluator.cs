using System;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>
    /// Evaluates expressions and relations under a complete assignment with the exact semantics of the model:
    /// truncating division, a zero divisor or a value beyond ±2^62 makes the result undefined (null / false).
    /// </summary>
    internal static class ExactEvaluator
    {
        public static long? Evaluate(IntExpr expression, Func<IntVar, long> valueOf)
        {
            switch (expression)
            {
                case ConstantExpr constant:
                    return IntMath.WithinLimit(constant.Value) ? constant.Value : null;
                case IntVar variable:
                    return valueOf(variable);
                case UnaryExpr unary:
                    long? operand = Evaluate(unary.Operand, valueOf);
                    return operand is null ? null : -operand.Value;
                case BinaryExpr binary:
                    long? left = Evaluate(binary.Left, valueOf);
                    if (left is null)
                    {
                        return null;
                    }

                    long? right = Evaluate(binary.Right, valueOf);
                    return right is null ? null : Apply(binary.Kind, left.Value, right.Value);
                default:
                    throw new ArgumentException($"Unknown expression node {expression.GetType().Name}.", nameof(expression));
            }
        }

        public static bool Holds(Relation relation, Func<IntVar, long> valueOf)
        {
            long? left = Evaluate(relation.Left, valueOf);
            long? right = Evaluate(relation.Right, valueOf);
            if (left is null || right is null)
            {
                return false;
            }

            return Compare(relation.Operator, left.Value, right.Value);
        }

        public static bool Compare(RelationOperator op, long left, long right) => op switch
        {
            RelationOperator.LessOrEqual => left <= right,
            RelationOperator.Less => left < right,
            RelationOperator.Equal => left == right,
            RelationOperator.NotEqual => left != right,
            RelationOperator.GreaterOrEqual => left >= right,
            RelationOperator.Greater => left > right,
            _ => left != 0 && IntMath.Remainder(right, left) == 0,
        };

        /// <summary>Applies a binary operator to two in-range values; null when undefined or out of range.</summary>
        public static long? Apply(ExprKind kind, long left, long right)
        {
            long result;
            switch (kind)
            {
                case ExprKind.Add:
                    result = IntMath.SaturatingAdd(left, right);
                    break;
                case ExprKind.Subtract:
                    result = IntMath.SaturatingSubtract(left, right);
                    break;
                case ExprKind.Multiply:
                    result = IntMath.SaturatingMultiply(left, right);
                    break;
                case ExprKind.Divide:
                    if (right == 0)
                    {
                        return null;
                    }

                    result = IntMath.TruncatingDivide(left, right);
                    break;
                case ExprKind.Remainder:
                    if (right == 0)
                    {
                        return null;
                    }

                    result = IntMath.Remainder(left, right);
                    break;
                case ExprKind.Min:
                    result = Math.Min(left, right);
                    break;
                case ExprKind.Max:
                    result = Math.Max(left, right);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a binary operator.");
            }

            return IntMath.WithinLimit(result) ? result : null;
        }
    }
}
