using StateTracking.Tasks;

namespace FlashRnn.Samples.Tests.StateTracking;

public class LengthRangeTests
{
    [Theory]
    [InlineData("4..32", 4, 32)]
    [InlineData(" 64 .. 256 ", 64, 256)]
    [InlineData("16", 16, 16)]
    public void ParsesARangeOrOneLength(string text, int min, int max)
        => Assert.Equal(new LengthRange(min, max), LengthRange.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("32..4")]
    [InlineData("0..8")]
    [InlineData("4...8")]
    [InlineData("four")]
    [InlineData("-3")]
    public void RejectsAnythingElseWithTheTextInTheMessage(string text)
    {
        var error = Assert.Throws<FormatException>(() => LengthRange.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
    }

    [Fact]
    public void SpreadsLengthsEvenlyIncludingBothEnds()
    {
        Assert.Equal([64, 128, 192, 256], new LengthRange(64, 256).Spread(4));
        Assert.Equal([5, 6, 7], new LengthRange(5, 7).Spread(10)); // no repeats when the range is narrow
    }

    [Fact]
    public void SamplesStayInsideTheRangeAndReachBothEnds()
    {
        var range = new LengthRange(3, 6);
        var random = new Random(1);
        int[] samples = [.. Enumerable.Range(0, 400).Select(_ => range.Sample(random))];
        Assert.All(samples, s => Assert.InRange(s, 3, 6));
        Assert.Contains(3, samples);
        Assert.Contains(6, samples);
    }
}
