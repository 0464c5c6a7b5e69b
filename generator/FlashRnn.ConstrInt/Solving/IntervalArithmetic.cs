using System;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>
    /// Interval images (forward) and inverse projections (backward) of the expression operators over integers.
    /// Every function is sound: it never excludes a value that some valid assignment can produce. Results may be
    /// empty (lo &gt; hi). Bounds saturate instead of wrapping; callers clamp to ±2^62.
    /// </summary>
    internal static class IntervalArithmetic
    {
        /// <summary>The interval of <c>a op b</c> for a binary expression kind (the forward step of propagation).</summary>
        public static void Binary(ExprKind kind, long alo, long ahi, long blo, long bhi, out long lo, out long hi)
        {
            switch (kind)
            {
                case ExprKind.Add:
                    Add(alo, ahi, blo, bhi, out lo, out hi);
                    return;
                case ExprKind.Subtract:
                    Subtract(alo, ahi, blo, bhi, out lo, out hi);
                    return;
                case ExprKind.Multiply:
                    Multiply(alo, ahi, blo, bhi, out lo, out hi);
                    return;
                case ExprKind.Divide:
                    Divide(alo, ahi, blo, bhi, out lo, out hi);
                    return;
                case ExprKind.Remainder:
                    Remainder(alo, ahi, blo, bhi, out lo, out hi);
                    return;
                case ExprKind.Min:
                    lo = Math.Min(alo, blo);
                    hi = Math.Min(ahi, bhi);
                    return;
                case ExprKind.Max:
                    lo = Math.Max(alo, blo);
                    hi = Math.Max(ahi, bhi);
                    return;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a binary operator.");
            }
        }

        public static void Add(long alo, long ahi, long blo, long bhi, out long lo, out long hi)
        {
            lo = IntMath.SaturatingAdd(alo, blo);
            hi = IntMath.SaturatingAdd(ahi, bhi);
        }

        public static void Subtract(long alo, long ahi, long blo, long bhi, out long lo, out long hi)
        {
            lo = IntMath.SaturatingSubtract(alo, bhi);
            hi = IntMath.SaturatingSubtract(ahi, blo);
        }

        public static void Multiply(long alo, long ahi, long blo, long bhi, out long lo, out long hi)
        {
            long p1 = IntMath.SaturatingMultiply(alo, blo);
            long p2 = IntMath.SaturatingMultiply(alo, bhi);
            long p3 = IntMath.SaturatingMultiply(ahi, blo);
            long p4 = IntMath.SaturatingMultiply(ahi, bhi);
            lo = Math.Min(Math.Min(p1, p2), Math.Min(p3, p4));
            hi = Math.Max(Math.Max(p1, p2), Math.Max(p3, p4));
        }

        /// <summary>Truncating division; the divisor's zero is excluded (division by zero is undefined).</summary>
        public static void Divide(long alo, long ahi, long blo, long bhi, out long lo, out long hi)
        {
            lo = long.MaxValue;
            hi = long.MinValue;
            // trunc(a / b) is monotone in a, and in b on each side of zero, so the extremes sit at corners.
            if (blo <= -1)
            {
                DivideCorners(alo, ahi, blo, Math.Min(bhi, -1), ref lo, ref hi);
            }

            if (bhi >= 1)
            {
                DivideCorners(alo, ahi, Math.Max(blo, 1), bhi, ref lo, ref hi);
            }
        }

        /// <summary>Remainder with the dividend's sign: |r| &lt; |b|, |r| &lt;= |a|.</summary>
        public static void Remainder(long alo, long ahi, long blo, long bhi, out long lo, out long hi)
        {
            if (blo == 0 && bhi == 0)
            {
                lo = long.MaxValue;
                hi = long.MinValue;
                return;
            }

            if (blo == bhi)
            {
                long m = IntMath.Abs(blo);
                if (alo >= 0 && alo / m == ahi / m)
                {
                    lo = alo % m;
                    hi = ahi % m;
                    return;
                }

                if (ahi <= 0 && alo / m == ahi / m)
                {
                    lo = -((-alo) % m);
                    hi = -((-ahi) % m);
                    return;
                }
            }

            long largestDivisor = Math.Max(IntMath.Abs(blo), IntMath.Abs(bhi));
            long bound = largestDivisor - 1;
            lo = alo >= 0 ? 0 : Math.Max(alo, -bound);
            hi = ahi <= 0 ? 0 : Math.Min(ahi, bound);
        }

        /// <summary>
        /// Values x with x * y in [zlo, zhi] for some y in [ylo, yhi]; false when no narrowing is possible
        /// (both intervals contain zero). An empty result (lo &gt; hi) means no x works.
        /// </summary>
        public static bool ProjectFactor(long zlo, long zhi, long ylo, long yhi, out long lo, out long hi)
        {
            lo = long.MinValue;
            hi = long.MaxValue;
            bool zHasZero = zlo <= 0 && zhi >= 0;
            bool yHasZero = ylo <= 0 && yhi >= 0;
            if (zHasZero && yHasZero)
            {
                return false;
            }

            lo = long.MaxValue;
            hi = long.MinValue;
            // A zero factor y would make the product zero, which is outside [zlo, zhi] here; drop it.
            if (ylo <= -1)
            {
                QuotientHull(zlo, zhi, ylo, Math.Min(yhi, -1), ref lo, ref hi);
            }

            if (yhi >= 1)
            {
                QuotientHull(zlo, zhi, Math.Max(ylo, 1), yhi, ref lo, ref hi);
            }

            return true;
        }

        /// <summary>Smallest v in [lo, hi] (lo &gt;= 0) with v % m in [r1, r2], 0 &lt;= r1 &lt;= r2 &lt; m; null if none.</summary>
        public static long? FirstWithResidue(long lo, long hi, long m, long r1, long r2)
        {
            long q = lo / m;
            long r = lo % m;
            long candidate;
            if (r < r1)
            {
                candidate = IntMath.SaturatingAdd(IntMath.SaturatingMultiply(q, m), r1);
            }
            else if (r <= r2)
            {
                candidate = lo;
            }
            else
            {
                candidate = IntMath.SaturatingAdd(IntMath.SaturatingMultiply(q + 1, m), r1);
            }

            return candidate <= hi ? candidate : null;
        }

        /// <summary>Largest v in [lo, hi] (lo &gt;= 0) with v % m in [r1, r2], 0 &lt;= r1 &lt;= r2 &lt; m; null if none.</summary>
        public static long? LastWithResidue(long lo, long hi, long m, long r1, long r2)
        {
            long q = hi / m;
            long r = hi % m;
            long candidate;
            if (r > r2)
            {
                candidate = IntMath.SaturatingAdd(IntMath.SaturatingMultiply(q, m), r2);
            }
            else if (r >= r1)
            {
                candidate = hi;
            }
            else
            {
                candidate = IntMath.SaturatingAdd(IntMath.SaturatingMultiply(q - 1, m), r2);
            }

            return candidate >= lo ? candidate : null;
        }

        private static void DivideCorners(long alo, long ahi, long blo, long bhi, ref long lo, ref long hi)
        {
            Include(IntMath.TruncatingDivide(alo, blo), ref lo, ref hi);
            Include(IntMath.TruncatingDivide(alo, bhi), ref lo, ref hi);
            Include(IntMath.TruncatingDivide(ahi, blo), ref lo, ref hi);
            Include(IntMath.TruncatingDivide(ahi, bhi), ref lo, ref hi);
        }

        /// <summary>Widens [lo, hi] by the integers within the real hull of z / y, z in [zlo, zhi], y in [ylo, yhi] (0 not in y).</summary>
        private static void QuotientHull(long zlo, long zhi, long ylo, long yhi, ref long lo, ref long hi)
        {
            long partLo = Math.Min(
                Math.Min(IntMath.CeilingDivide(zlo, ylo), IntMath.CeilingDivide(zlo, yhi)),
                Math.Min(IntMath.CeilingDivide(zhi, ylo), IntMath.CeilingDivide(zhi, yhi)));
            long partHi = Math.Max(
                Math.Max(IntMath.FloorDivide(zlo, ylo), IntMath.FloorDivide(zlo, yhi)),
                Math.Max(IntMath.FloorDivide(zhi, ylo), IntMath.FloorDivide(zhi, yhi)));
            if (partLo <= partHi)
            {
                lo = Math.Min(lo, partLo);
                hi = Math.Max(hi, partHi);
            }
        }

        private static void Include(long value, ref long lo, ref long hi)
        {
            lo = Math.Min(lo, value);
            hi = Math.Max(hi, value);
        }
    }
}
