using System.Globalization;

namespace FlashRnn;

/// <summary>
/// The bfloat16 format on the host: the upper 16 bits of an IEEE binary32 (1 sign, 8 exponent, 7 fraction bits), so
/// it has float's range with about three significant decimal digits. Conversions from <see cref="float"/> and
/// <see cref="double"/> round to nearest, ties to even; NaN stays NaN (quiet, sign kept); conversion to
/// <see cref="float"/> is exact and therefore implicit. Equality follows <see cref="Half"/>: operators are IEEE
/// (NaN unequal to itself, +0 equal to -0), while <see cref="Equals(BFloat16)"/> treats all NaNs as equal so the
/// type works as a dictionary key.
/// </summary>
public readonly struct BFloat16 : IEquatable<BFloat16>, IComparable<BFloat16>, IComparable, IFormattable
{
    private const ushort SignMask = 0x8000;
    private const ushort ExponentMask = 0x7F80;
    private const ushort FractionMask = 0x007F;
    private const ushort QuietBit = 0x0040;

    private readonly ushort _bits;

    private BFloat16(ushort bits) => _bits = bits;

    /// <summary>Positive zero.</summary>
    public static BFloat16 Zero => new(0x0000);

    /// <summary>One.</summary>
    public static BFloat16 One => new(0x3F80);

    /// <summary>The largest finite value, about 3.39e38.</summary>
    public static BFloat16 MaxValue => new(0x7F7F);

    /// <summary>The most negative finite value.</summary>
    public static BFloat16 MinValue => new(0xFF7F);

    /// <summary>The smallest positive value (a subnormal, about 9.2e-41).</summary>
    public static BFloat16 Epsilon => new(0x0001);

    /// <summary>Positive infinity.</summary>
    public static BFloat16 PositiveInfinity => new(0x7F80);

    /// <summary>Negative infinity.</summary>
    public static BFloat16 NegativeInfinity => new(0xFF80);

    /// <summary>A quiet NaN.</summary>
    public static BFloat16 NaN => new(0x7FC0);

    /// <summary>The raw 16-bit pattern.</summary>
    public ushort RawBits => _bits;

    /// <summary>Reinterprets a 16-bit pattern as a bfloat16.</summary>
    public static BFloat16 FromRawBits(ushort bits) => new(bits);

    /// <summary>Whether the value is NaN.</summary>
    public static bool IsNaN(BFloat16 value) => (value._bits & ExponentMask) == ExponentMask && (value._bits & FractionMask) != 0;

    /// <summary>Whether the value is positive or negative infinity.</summary>
    public static bool IsInfinity(BFloat16 value) => (value._bits & ~SignMask) == ExponentMask;

    /// <summary>Whether the value is neither infinite nor NaN.</summary>
    public static bool IsFinite(BFloat16 value) => (value._bits & ExponentMask) != ExponentMask;

    /// <summary>Rounds a float to the nearest bfloat16, ties to even.</summary>
    public static explicit operator BFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
            // Keep the sign and the top fraction bits, and force the quiet bit so a payload held only in the dropped
            // low bits cannot turn the NaN into an infinity.
            return new BFloat16((ushort)((bits >> 16) | QuietBit));
        // Adding 0x7FFF rounds the dropped half down below the midpoint and up above it; the extra 1 when the kept
        // part is odd turns exact ties towards the even neighbour. Overflow carries into the exponent and correctly
        // produces infinity.
        uint roundingBias = 0x7FFFu + ((bits >> 16) & 1);
        return new BFloat16((ushort)((bits + roundingBias) >> 16));
    }

    /// <summary>
    /// Rounds a double to the nearest bfloat16, ties to even, with a single rounding: the double is first narrowed to
    /// float with round-to-odd, which keeps enough information for the second rounding to be exact.
    /// </summary>
    public static explicit operator BFloat16(double value)
    {
        float nearest = (float)value;
        if (double.IsNaN(value) || (double)nearest == value) return (BFloat16)nearest;
        uint bits = BitConverter.SingleToUInt32Bits(nearest);
        // Step back towards zero if the cast rounded away from zero (magnitudes are ordered like their bit patterns),
        // then mark the result inexact by setting the lowest bit: that is round-to-odd.
        if (Math.Abs((double)nearest) > Math.Abs(value)) bits--;
        return (BFloat16)BitConverter.UInt32BitsToSingle(bits | 1);
    }

    /// <summary>Rounds a half-precision value to bfloat16 (exact except for the lost fraction bits).</summary>
    public static explicit operator BFloat16(Half value) => (BFloat16)(float)value;

    /// <summary>The exact float value.</summary>
    public static implicit operator float(BFloat16 value) => BitConverter.UInt32BitsToSingle((uint)value._bits << 16);

    /// <summary>The exact double value.</summary>
    public static explicit operator double(BFloat16 value) => (float)value;

    /// <summary>Rounds to half precision (bfloat16's range is wider, so large values become infinity).</summary>
    public static explicit operator Half(BFloat16 value) => (Half)(float)value;

    /// <summary>Converts a span of floats, rounding each to nearest, ties to even.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void ConvertFromSingle(ReadOnlySpan<float> source, Span<BFloat16> destination)
    {
        if (source.Length != destination.Length)
            throw new ArgumentException($"The destination holds {destination.Length} values but the source has {source.Length}.", nameof(destination));
        for (int i = 0; i < source.Length; i++) destination[i] = (BFloat16)source[i];
    }

    /// <summary>Converts a span of bfloat16 values to floats (exactly).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void ConvertToSingle(ReadOnlySpan<BFloat16> source, Span<float> destination)
    {
        if (source.Length != destination.Length)
            throw new ArgumentException($"The destination holds {destination.Length} values but the source has {source.Length}.", nameof(destination));
        for (int i = 0; i < source.Length; i++) destination[i] = source[i];
    }

    /// <summary>IEEE equality: false if either is NaN; +0 equals -0.</summary>
    public static bool operator ==(BFloat16 left, BFloat16 right) => (float)left == (float)right;

    /// <summary>IEEE inequality: true if either is NaN.</summary>
    public static bool operator !=(BFloat16 left, BFloat16 right) => (float)left != (float)right;

    /// <summary>IEEE less-than (false if either is NaN).</summary>
    public static bool operator <(BFloat16 left, BFloat16 right) => (float)left < (float)right;

    /// <summary>IEEE greater-than (false if either is NaN).</summary>
    public static bool operator >(BFloat16 left, BFloat16 right) => (float)left > (float)right;

    /// <summary>IEEE less-than-or-equal (false if either is NaN).</summary>
    public static bool operator <=(BFloat16 left, BFloat16 right) => (float)left <= (float)right;

    /// <summary>IEEE greater-than-or-equal (false if either is NaN).</summary>
    public static bool operator >=(BFloat16 left, BFloat16 right) => (float)left >= (float)right;

    /// <summary>Value equality in which every NaN equals every other NaN and +0 equals -0.</summary>
    public bool Equals(BFloat16 other) => ((float)this).Equals((float)other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BFloat16 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((float)this).GetHashCode();

    /// <summary>Orders like <see cref="float.CompareTo(float)"/>: NaN first, then by value.</summary>
    public int CompareTo(BFloat16 other) => ((float)this).CompareTo((float)other);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        BFloat16 other => CompareTo(other),
        _ => throw new ArgumentException($"Expected a {nameof(BFloat16)}, got {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Formats the float value (shortest round-trippable form for a float, which also round-trips here).</summary>
    public override string ToString() => ((float)this).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ((float)this).ToString(format, formatProvider);
}
