using System;
using System.Collections.Generic;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>Turns relations and objectives into <see cref="CompiledTree"/>s; folds variable-free subtrees.</summary>
    internal static class ModelCompiler
    {
        public static CompiledTree CompileRelation(Relation relation, int constraintIndex)
        {
            IntExpr left = relation.Left;
            IntExpr right = relation.Right;
            if (relation.Operator == RelationOperator.Divides)
            {
                // "a divides b" is "b % a == 0"; a zero divisor is undefined, which also rules out a == 0.
                return Build(new BinaryExpr(ExprKind.Remainder, right, left), 0, 0, null, constraintIndex);
            }

            // Compare one side against a constant when possible (smaller tree); otherwise compare left - right with 0.
            IntExpr tree;
            long offset;
            bool flipped = false;
            long? rightConstant = ConstantValue(right);
            long? leftConstant = ConstantValue(left);
            if (rightConstant is not null)
            {
                tree = left;
                offset = rightConstant.Value;
            }
            else if (leftConstant is not null)
            {
                tree = right;
                offset = leftConstant.Value;
                flipped = true;
            }
            else
            {
                tree = new BinaryExpr(ExprKind.Subtract, left, right);
                offset = 0;
            }

            RelationOperator op = flipped ? Mirror(relation.Operator) : relation.Operator;
            long lo = long.MinValue;
            long hi = long.MaxValue;
            long? excluded = null;
            switch (op)
            {
                case RelationOperator.LessOrEqual:
                    hi = offset;
                    break;
                case RelationOperator.Less:
                    hi = IntMath.SaturatingSubtract(offset, 1);
                    break;
                case RelationOperator.GreaterOrEqual:
                    lo = offset;
                    break;
                case RelationOperator.Greater:
                    lo = IntMath.SaturatingAdd(offset, 1);
                    break;
                case RelationOperator.Equal:
                    lo = offset;
                    hi = offset;
                    break;
                case RelationOperator.NotEqual:
                    excluded = offset;
                    break;
            }

            return Build(tree, lo, hi, excluded, constraintIndex);
        }

        public static CompiledTree CompileObjective(IntExpr expression) =>
            Build(expression, long.MinValue, long.MaxValue, null, -1);

        private static RelationOperator Mirror(RelationOperator op) => op switch
        {
            RelationOperator.LessOrEqual => RelationOperator.GreaterOrEqual,
            RelationOperator.Less => RelationOperator.Greater,
            RelationOperator.GreaterOrEqual => RelationOperator.LessOrEqual,
            RelationOperator.Greater => RelationOperator.Less,
            _ => op,
        };

        private static long? ConstantValue(IntExpr expression) =>
            expression is ConstantExpr constant && IntMath.WithinLimit(constant.Value) ? constant.Value : null;

        private static CompiledTree Build(IntExpr expression, long lo, long hi, long? excluded, int constraintIndex)
        {
            var nodes = new List<CompiledNode>();
            var variables = new List<int>();
            Emit(expression, nodes, variables);
            return new CompiledTree(nodes.ToArray(), variables.ToArray(), lo, hi, excluded, constraintIndex);
        }

        private static int Emit(IntExpr expression, List<CompiledNode> nodes, List<int> variables)
        {
            if (expression is not IntVar && expression.Variables().Count == 0)
            {
                long? value = ExactEvaluator.Evaluate(expression, _ => throw new InvalidOperationException("No variables expected."));
                nodes.Add(new CompiledNode { Kind = ExprKind.Constant, Value = value ?? 0, Undefined = value is null });
                return nodes.Count - 1;
            }

            switch (expression)
            {
                case IntVar variable:
                    if (!variables.Contains(variable.Index))
                    {
                        variables.Add(variable.Index);
                    }

                    nodes.Add(new CompiledNode { Kind = ExprKind.Variable, Variable = variable.Index });
                    return nodes.Count - 1;
                case UnaryExpr unary:
                    int operand = Emit(unary.Operand, nodes, variables);
                    nodes.Add(new CompiledNode { Kind = unary.Kind, Left = operand });
                    return nodes.Count - 1;
                case BinaryExpr binary:
                    int left = Emit(binary.Left, nodes, variables);
                    int right = Emit(binary.Right, nodes, variables);
                    nodes.Add(new CompiledNode { Kind = binary.Kind, Left = left, Right = right });
                    return nodes.Count - 1;
                default:
                    throw new ArgumentException($"Unknown expression node {expression.GetType().Name}.", nameof(expression));
            }
        }
    }
}
