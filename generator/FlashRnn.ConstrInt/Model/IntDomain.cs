using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt
{
    /// <summary>
    /// The finite set of values a variable may take: a contiguous range or an explicit sorted set of values.
    /// Immutable. Values must lie within ±2^62 so that the solver's 64-bit arithmetic cannot wrap.
    /// </summary>
    public sealed class IntDomain : IEquatable<IntDomain>
    {
        private readonly long[]? _values;

        private IntDomain(long min, long max, long[]? values)
        {
            Min = min;
            Max = max;
            _values = values;
        }

        /// <summary>Smallest value of the domain.</summary>
        public long Min { get; }

        /// <summary>Largest value of the domain.</summary>
        public long Max { get; }

        /// <summary>True when the domain holds every integer from <see cref="Min"/> to <see cref="Max"/>.</summary>
        public bool IsRange => _values is null;

        /// <summary>Number of values in the domain.</summary>
        public long Size => _values?.Length ?? Max - Min + 1;

        /// <summary>The values in ascending order when the domain is an explicit set; null for a range.</summary>
        public IReadOnlyList<long>? ExplicitValues => _values;

        /// <summary>Every integer from <paramref name="min"/> to <paramref name="max"/> inclusive.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A bound exceeds ±2^62, or <paramref name="min"/> &gt; <paramref name="max"/>.</exception>
        public static IntDomain Range(long min, long max)
        {
            CheckLimit(min, nameof(min));
            CheckLimit(max, nameof(max));
            if (min > max)
            {
                throw new ArgumentOutOfRangeException(nameof(max), max, $"The range {min}..{max} is empty: expected min <= max.");
            }

            return new IntDomain(min, max, null);
        }

        /// <summary>A domain holding exactly one value.</summary>
        public static IntDomain Single(long value) => Range(value, value);

        /// <summary>An explicit set of values (duplicates are ignored, order does not matter).</summary>
        /// <exception cref="ArgumentException">The set is empty or a value exceeds ±2^62.</exception>
        public static IntDomain Of(IEnumerable<long> values)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            long[] sorted = values.Distinct().OrderBy(v => v).ToArray();
            if (sorted.Length == 0)
            {
                throw new ArgumentException("A domain needs at least one value.", nameof(values));
            }

            foreach (long value in sorted)
            {
                CheckLimit(value, nameof(values));
            }

            bool contiguous = sorted[sorted.Length - 1] - sorted[0] == sorted.Length - 1;
            return new IntDomain(sorted[0], sorted[sorted.Length - 1], contiguous ? null : sorted);
        }

        /// <summary>An explicit set of values (duplicates are ignored, order does not matter).</summary>
        public static IntDomain Of(params long[] values) => Of((IEnumerable<long>)values);

        /// <summary>The powers of two (1, 2, 4, ...) within [<paramref name="min"/>, <paramref name="max"/>].</summary>
        /// <exception cref="ArgumentOutOfRangeException">No power of two lies in the range.</exception>
        public static IntDomain PowersOfTwo(long min, long max)
        {
            CheckLimit(min, nameof(min));
            CheckLimit(max, nameof(max));
            var powers = new List<long>();
            for (long power = 1; power <= max && power > 0; power <<= 1)
            {
                if (power >= min)
                {
                    powers.Add(power);
                }
            }

            if (powers.Count == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(max), max, $"No power of two lies in {min}..{max}.");
            }

            return Of(powers);
        }

        /// <summary>True when <paramref name="value"/> belongs to the domain.</summary>
        public bool Contains(long value)
        {
            if (value < Min || value > Max)
            {
                return false;
            }

            return _values is null || Array.BinarySearch(_values, value) >= 0;
        }

        /// <summary>The values in ascending order (enumerates a range lazily).</summary>
        public IEnumerable<long> Enumerate()
        {
            if (_values is not null)
            {
                foreach (long value in _values)
                {
                    yield return value;
                }

                yield break;
            }

            for (long value = Min; ; value++)
            {
                yield return value;
                if (value == Max)
                {
                    yield break;
                }
            }
        }

        /// <summary>The domain in the text format: <c>lo..hi</c> or <c>{a, b, c}</c>.</summary>
        public override string ToString()
        {
            if (_values is null)
            {
                return Min == Max
                    ? "{" + Min.ToString(CultureInfo.InvariantCulture) + "}"
                    : Min.ToString(CultureInfo.InvariantCulture) + ".." + Max.ToString(CultureInfo.InvariantCulture);
            }

            var builder = new StringBuilder("{");
            for (int i = 0; i < _values.Length; i++)
            {
                builder.Append(i == 0 ? "" : ", ").Append(_values[i].ToString(CultureInfo.InvariantCulture));
            }

            return builder.Append('}').ToString();
        }

        /// <inheritdoc />
        public bool Equals(IntDomain? other)
        {
            if (other is null || other.Min != Min || other.Max != Max || other.IsRange != IsRange)
            {
                return false;
            }

            return _values is null || _values.SequenceEqual(other._values!);
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as IntDomain);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            unchecked
            {
                int hash = (Min.GetHashCode() * 397) ^ Max.GetHashCode();
                return (hash * 397) ^ (int)Size;
            }
        }

        internal long[]? ValuesArray => _values;

        private static void CheckLimit(long value, string parameter)
        {
            if (!IntMath.WithinLimit(value))
            {
                throw new ArgumentOutOfRangeException(parameter, value, "Domain values must lie within ±2^62 (4611686018427387904).");
            }
        }
    }
}
