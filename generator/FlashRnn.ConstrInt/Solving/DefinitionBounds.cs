using System;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>The interval an expression can reach over its variables' declared domains (the domain of a defined variable).</summary>
    internal static class DefinitionBounds
    {
        /// <summary>Interval evaluation, clamped to ±2^62; false when the expression is undefined everywhere.</summary>
        public static bool TryCompute(IntExpr expression, out long lo, out long hi)
        {
            switch (expression)
            {
                case ConstantExpr constant:
                    lo = constant.Value;
                    hi = constant.Value;
                    return IntMath.WithinLimit(constant.Value);
                case IntVar variable:
                    lo = variable.Domain.Min;
                    hi = variable.Domain.Max;
                    return true;
                case UnaryExpr unary:
                    if (!TryCompute(unary.Operand, out long operandLo, out long operandHi))
                    {
                        lo = hi = 0;
                        return false;
                    }

                    lo = IntMath.SaturatingNegate(operandHi);
                    hi = IntMath.SaturatingNegate(operandLo);
                    return true;
                case BinaryExpr binary:
                    if (!TryCompute(binary.Left, out long alo, out long ahi) || !TryCompute(binary.Right, out long blo, out long bhi))
                    {
                        lo = hi = 0;
                        return false;
                    }

                    IntervalArithmetic.Binary(binary.Kind, alo, ahi, blo, bhi, out lo, out hi);
                    lo = Math.Max(lo, -IntMath.Limit);
                    hi = Math.Min(hi, IntMath.Limit);
                    return lo <= hi;
                default:
                    throw new ArgumentException($"Unknown expression node {expression.GetType().Name}.", nameof(expression));
            }
        }

    }
}
