namespace FlashRnn.Runtime.Tests.Cpu;

public class BFloat16Tests
{
    private static BFloat16 Bits(ushort bits) => BFloat16.FromRawBits(bits);

    private static float FloatBits(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    [Fact]
    public void Every_non_NaN_bit_pattern_round_trips_through_float_exactly()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            BFloat16 value = Bits((ushort)bits);
            float widened = value;
            Assert.Equal(BitConverter.SingleToUInt32Bits(widened), (uint)bits << 16);
            if (BFloat16.IsNaN(value)) Assert.True(BFloat16.IsNaN((BFloat16)widened));
            else Assert.Equal((ushort)bits, ((BFloat16)widened).RawBits);
        }
    }

    [Theory]
    // Exactly halfway between 1 (even fraction) and 1 + 2^-7 (odd): ties to even, down to 1.
    [InlineData(0x3F808000u, 0x3F80)]
    // Exactly halfway between 1 + 2^-7 (odd) and 1 + 2^-6 (even): up.
    [InlineData(0x3F818000u, 0x3F82)]
    // Just below and just above the first tie.
    [InlineData(0x3F807FFFu, 0x3F80)]
    [InlineData(0x3F808001u, 0x3F81)]
    // Negative values round the magnitude the same way.
    [InlineData(0xBF818000u, 0xBF82)]
    // The largest float below the overflow tie stays finite; the tie itself rounds to infinity (MaxValue is odd).
    [InlineData(0x7F7F7FFFu, 0x7F7F)]
    [InlineData(0x7F7F8000u, 0x7F80)]
    // float.MaxValue and infinities.
    [InlineData(0x7F7FFFFFu, 0x7F80)]
    [InlineData(0x7F800000u, 0x7F80)]
    [InlineData(0xFF800000u, 0xFF80)]
    // Signed zeros keep their sign; the smallest float subnormal rounds to zero.
    [InlineData(0x80000000u, 0x8000)]
    [InlineData(0x00000001u, 0x0000)]
    // bfloat16 subnormals are reached from float subnormals.
    [InlineData(0x00018000u, 0x0002)]
    public void Float_conversion_rounds_to_nearest_even(uint floatBits, int expected)
        => Assert.Equal((ushort)expected, ((BFloat16)FloatBits(floatBits)).RawBits);

    [Theory]
    [InlineData(0x7FC00000u, 0x7FC0)]
    [InlineData(0xFFC00000u, 0xFFC0)]
    // Payload only in the dropped bits: truncation alone would give infinity; the quiet bit keeps it NaN.
    [InlineData(0x7F800001u, 0x7FC0)]
    [InlineData(0xFF800001u, 0xFFC0)]
    // The kept payload bits survive.
    [InlineData(0x7FA10000u, 0x7FE1)]
    public void NaN_stays_NaN_with_its_sign(uint floatBits, int expected)
    {
        BFloat16 converted = (BFloat16)FloatBits(floatBits);
        Assert.True(BFloat16.IsNaN(converted));
        Assert.Equal((ushort)expected, converted.RawBits);
    }

    [Fact]
    public void Double_conversion_rounds_once()
    {
        // 1 + 2^-8 is a tie for bfloat16; the double just above it narrows to exactly that float, so rounding via
        // float would tie to even (1.0). The correct single rounding goes up to 1 + 2^-7.
        double justAboveTie = 1.0 + Math.Pow(2, -8) + Math.Pow(2, -40);
        Assert.Equal(0x3F80, ((BFloat16)(float)justAboveTie).RawBits);
        Assert.Equal(0x3F81, ((BFloat16)justAboveTie).RawBits);

        double justBelowTie = 1.0 + Math.Pow(2, -8) - Math.Pow(2, -40);
        Assert.Equal(0x3F80, ((BFloat16)justBelowTie).RawBits);
        Assert.Equal(0x3F82, ((BFloat16)(1.0 + 3 * Math.Pow(2, -8))).RawBits);
    }

    [Fact]
    public void Double_conversion_handles_the_edges()
    {
        Assert.Equal(0x7F80, ((BFloat16)1e300).RawBits);
        Assert.Equal(0xFF80, ((BFloat16)(-1e300)).RawBits);
        Assert.Equal(0x0000, ((BFloat16)1e-300).RawBits);
        Assert.Equal(0x8000, ((BFloat16)(-1e-300)).RawBits);
        Assert.True(BFloat16.IsNaN((BFloat16)double.NaN));
        Assert.Equal(0x4049, ((BFloat16)Math.PI).RawBits); // 3.140625, the nearest bfloat16 to pi
    }

    [Fact]
    public void Conversions_to_float_double_and_half_are_exact_where_possible()
    {
        BFloat16 value = (BFloat16)1.5f;
        Assert.Equal(1.5f, (float)value);
        Assert.Equal(1.5, (double)value);
        Assert.Equal((Half)1.5f, (Half)value);
        Assert.Equal(value, (BFloat16)(Half)1.5f);
        Assert.Equal(Half.PositiveInfinity, (Half)BFloat16.MaxValue); // bfloat16's range exceeds half's
    }

    [Fact]
    public void Operators_follow_IEEE_and_Equals_follows_Half()
    {
        BFloat16 nan = BFloat16.NaN;
        BFloat16 otherNan = BFloat16.FromRawBits(0xFFC1);
        BFloat16 zero = BFloat16.Zero;
        BFloat16 negativeZero = Bits(0x8000);
        Assert.False(nan == otherNan);
        Assert.True(nan != otherNan);
        Assert.True(nan.Equals(otherNan));
        Assert.Equal(nan.GetHashCode(), otherNan.GetHashCode());
        Assert.True(zero == negativeZero);
        Assert.True(zero.Equals(negativeZero));
        Assert.Equal(zero.GetHashCode(), negativeZero.GetHashCode());
        Assert.True(BFloat16.One > zero);
        Assert.True(BFloat16.MinValue < BFloat16.MaxValue);
        Assert.False(nan < BFloat16.One);
        Assert.True(nan.CompareTo(BFloat16.NegativeInfinity) < 0);
        Assert.Equal(0, BFloat16.One.CompareTo((object)BFloat16.One));
        Assert.Throws<ArgumentException>("obj", () => BFloat16.One.CompareTo((object)1.0f));
    }

    [Fact]
    public void Named_values_have_the_documented_bits()
    {
        Assert.Equal(1.0f, (float)BFloat16.One);
        Assert.Equal(FloatBits(0x00010000u), (float)BFloat16.Epsilon); // 2^-133
        Assert.Equal(FloatBits(0x7F7F0000u), (float)BFloat16.MaxValue);
        Assert.Equal(-(float)BFloat16.MaxValue, (float)BFloat16.MinValue);
        Assert.True(BFloat16.IsInfinity(BFloat16.PositiveInfinity) && BFloat16.IsInfinity(BFloat16.NegativeInfinity));
        Assert.False(BFloat16.IsFinite(BFloat16.NaN));
        Assert.True(BFloat16.IsFinite(BFloat16.MaxValue));
        Assert.Equal("1.5", ((BFloat16)1.5f).ToString());
    }

    [Fact]
    public void Span_conversions_check_lengths_and_convert_each_element()
    {
        float[] source = [0.1f, -2.5f, 1e-3f];
        var converted = new BFloat16[3];
        BFloat16.ConvertFromSingle(source, converted);
        Assert.Equal(source.Select(f => (BFloat16)f), converted);

        var back = new float[3];
        BFloat16.ConvertToSingle(converted, back);
        Assert.Equal(converted.Select(b => (float)b), back);

        Assert.Throws<ArgumentException>("destination", () => BFloat16.ConvertFromSingle(source, new BFloat16[2]));
        Assert.Throws<ArgumentException>("destination", () => BFloat16.ConvertToSingle(converted, new float[4]));
    }
}
