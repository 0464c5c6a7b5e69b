using System;
using System.Globalization;
using System.Text;

namespace FlashRnn.ConstrInt
{
    /// <summary>Writes expressions in the text format with the fewest parentheses that keep the tree's shape.</summary>
    internal static class ExpressionWriter
    {
        private const int AdditivePrecedence = 1;
        private const int MultiplicativePrecedence = 2;
        private const int UnaryPrecedence = 3;
        private const int AtomPrecedence = 4;

        public static string Write(IntExpr expression)
        {
            var builder = new StringBuilder();
            Append(builder, expression);
            return builder.ToString();
        }

        private static void Append(StringBuilder builder, IntExpr expression)
        {
            switch (expression)
            {
                case ConstantExpr constant:
                    builder.Append(constant.Name ?? constant.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case IntVar variable:
                    builder.Append(variable.Name);
                    break;
                case UnaryExpr unary:
                    builder.Append('-');
                    AppendOperand(builder, unary.Operand, UnaryPrecedence, parenthesizeEqual: false);
                    break;
                case BinaryExpr { Kind: ExprKind.Min or ExprKind.Max } call:
                    builder.Append(call.Kind == ExprKind.Min ? "min(" : "max(");
                    Append(builder, call.Left);
                    builder.Append(", ");
                    Append(builder, call.Right);
                    builder.Append(')');
                    break;
                case BinaryExpr binary:
                    int precedence = Precedence(binary);
                    AppendOperand(builder, binary.Left, precedence, parenthesizeEqual: false);
                    builder.Append(' ').Append(Symbol(binary.Kind)).Append(' ');
                    // Operators associate to the left, so a right operand of equal precedence keeps its parentheses.
                    AppendOperand(builder, binary.Right, precedence, parenthesizeEqual: true);
                    break;
                default:
                    throw new ArgumentException($"Unknown expression node {expression.GetType().Name}.", nameof(expression));
            }
        }

        private static void AppendOperand(StringBuilder builder, IntExpr operand, int parentPrecedence, bool parenthesizeEqual)
        {
            int precedence = Precedence(operand);
            bool parenthesize = precedence < parentPrecedence || (parenthesizeEqual && precedence == parentPrecedence);
            if (parenthesize)
            {
                builder.Append('(');
            }

            Append(builder, operand);
            if (parenthesize)
            {
                builder.Append(')');
            }
        }

        private static int Precedence(IntExpr expression) => expression.Kind switch
        {
            ExprKind.Add or ExprKind.Subtract => AdditivePrecedence,
            ExprKind.Multiply or ExprKind.Divide or ExprKind.Remainder => MultiplicativePrecedence,
            // A negative literal prints with a leading minus, so it binds like a unary minus.
            ExprKind.Negate => UnaryPrecedence,
            ExprKind.Constant when ((ConstantExpr)expression) is { Name: null, Value: < 0 } => UnaryPrecedence,
            _ => AtomPrecedence,
        };

        private static string Symbol(ExprKind kind) => kind switch
        {
            ExprKind.Add => "+",
            ExprKind.Subtract => "-",
            ExprKind.Multiply => "*",
            ExprKind.Divide => "/",
            _ => "%",
        };
    }
}
