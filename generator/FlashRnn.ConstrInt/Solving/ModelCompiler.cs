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

        /// <summary>Emits the tree in post-order; folds variable-free subtrees into constants as it goes.</summary>
        private static int Emit(IntExpr expression, List<CompiledNode> nodes, List<int> variables)
        {
            switch (expression)
            {
                case ConstantExpr constant:
                    bool inRange = IntMath.WithinLimit(constant.Value);
                    nodes.Add(new CompiledNode { Kind = ExprKind.Constant, Value = inRange ? constant.Value : 0, Undefined = !inRange });
                    return nodes.Count - 1;
                case IntVar variable:
                    if (!variables.Contains(variable.Index))
                    {
                        variables.Add(variable.Index);
                    }

                    nodes.Add(new CompiledNode { Kind = ExprKind.Variable, Variable = variable.Index });
                    return nodes.Count - 1;
                case UnaryExpr unary:
                    int operand = Emit(unary.Operand, nodes, variables);
                    if (nodes[operand].Kind == ExprKind.Constant)
                    {
                        CompiledNode folded = nodes[operand];
                        nodes[operand] = new CompiledNode { Kind = ExprKind.Constant, Value = -folded.Value, Undefined = folded.Undefined };
                        return operand;
                    }

                    nodes.Add(new CompiledNode { Kind = unary.Kind, Left = operand });
                    return nodes.Count - 1;
                case BinaryExpr binary:
                    int left = Emit(binary.Left, nodes, variables);
                    int right = Emit(binary.Right, nodes, variables);
                    if (nodes[left].Kind == ExprKind.Constant && nodes[right].Kind == ExprKind.Constant)
                    {
                        // Both operands are the last two nodes: replace them by their value.
                        CompiledNode a = nodes[left];
                        CompiledNode b = nodes[right];
                        long? value = a.Undefined || b.Undefined ? null : ExactEvaluator.Apply(binary.Kind, a.Value, b.Value);
                        nodes.RemoveRange(left, nodes.Count - left);
                        nodes.Add(new CompiledNode { Kind = ExprKind.Constant, Value = value ?? 0, Undefined = value is null });
                        return nodes.Count - 1;
                    }

                    nodes.Add(new CompiledNode { Kind = binary.Kind, Left = left, Right = right });
                    return nodes.Count - 1;
                default:
                    throw new ArgumentException($"Unknown expression node {expression.GetType().Name}.", nameof(expression));
            }
        }
    }
}
