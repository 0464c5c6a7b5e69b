namespace FlashRnn.ConstrInt.Arithmetic
{
    /// <summary>
    /// 64-bit integer helpers the solver needs: saturating arithmetic (so interval bounds never wrap around),
    /// floor/ceiling division, and the truncating division and remainder of the problem semantics (C#'s).
    /// </summary>
    /// <remarks>
    /// Every value a valid assignment can produce lies in [-<see cref="Limit"/>, <see cref="Limit"/>] (2^62); an
    /// expression whose value leaves that range makes the assignment invalid. Saturating at the extremes of
    /// <see cref="long"/> is therefore always safe: a saturated bound only ever describes values no valid
    /// assignment reaches.
    /// </remarks>
    internal static class IntMath
    {
        /// <summary>Largest magnitude a variable or an intermediate value may have: 2^62.</summary>
        public const long Limit = 1L << 62;

        public static long SaturatingAdd(long a, long b)
        {
            long sum = unchecked(a + b);
            // Overflow happened exactly when both operands share a sign the result does not have.
            if (((a ^ sum) & (b ^ sum)) < 0)
            {
                return a < 0 ? long.MinValue : long.MaxValue;
            }

            return sum;
        }

        public static long SaturatingSubtract(long a, long b)
        {
            long difference = unchecked(a - b);
            if (((a ^ b) & (a ^ difference)) < 0)
            {
                return a < 0 ? long.MinValue : long.MaxValue;
            }

            return difference;
        }

        public static long SaturatingNegate(long a) => a == long.MinValue ? long.MaxValue : -a;

        public static long SaturatingMultiply(long a, long b)
        {
            if (a == 0 || b == 0)
            {
                return 0;
            }

            const long SafeFactor = 3037000499; // floor(sqrt(2^63 - 1)): products of two such values never wrap.
            if (a >= -SafeFactor && a <= SafeFactor && b >= -SafeFactor && b <= SafeFactor)
            {
                return a * b;
            }

            bool negative = (a < 0) != (b < 0);
            long product = unchecked(a * b);
            bool wrapped = (a == -1 && b == long.MinValue) || (b == -1 && a == long.MinValue) || product / b != a;
            if (wrapped)
            {
                return negative ? long.MinValue : long.MaxValue;
            }

            return product;
        }

        /// <summary>Largest integer not above a / b (b != 0), saturating where the quotient does not fit.</summary>
        public static long FloorDivide(long a, long b)
        {
            if (b == -1)
            {
                return SaturatingNegate(a);
            }

            long quotient = a / b;
            if ((a % b != 0) && ((a < 0) != (b < 0)))
            {
                quotient--;
            }

            return quotient;
        }

        /// <summary>Smallest integer not below a / b (b != 0), saturating where the quotient does not fit.</summary>
        public static long CeilingDivide(long a, long b)
        {
            if (b == -1)
            {
                return SaturatingNegate(a);
            }

            long quotient = a / b;
            if ((a % b != 0) && ((a < 0) == (b < 0)))
            {
                quotient++;
            }

            return quotient;
        }

        /// <summary>Division truncating toward zero (C# semantics), saturating for long.MinValue / -1.</summary>
        public static long TruncatingDivide(long a, long b) => b == -1 ? SaturatingNegate(a) : a / b;

        /// <summary>Remainder with the sign of the dividend (C# semantics); b != 0.</summary>
        public static long Remainder(long a, long b) => b == -1 ? 0 : a % b;

        public static long Abs(long a) => a < 0 ? SaturatingNegate(a) : a;

        public static bool WithinLimit(long value) => value >= -Limit && value <= Limit;
    }
}
