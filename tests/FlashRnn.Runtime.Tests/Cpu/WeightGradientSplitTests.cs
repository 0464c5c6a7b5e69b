using FlashRnn.Gpu;

namespace FlashRnn.Runtime.Tests.Cpu;

/// <summary>
/// How many row splits the weight-gradient GEMM takes: enough CTAs for every SM to hold as many as fit (at most
/// eight), never fewer than 256 rows a split. The wide 128 x 128 tiles (16-bit, DH >= 128) fit two per SM.
/// </summary>
public class WeightGradientSplitTests
{
    [Theory]
    [InlineData(16384, 576, 132, 8, 1)]   // LSTM 1x768 in 64 x 64 tiles: 576 tiles already fill 132 SMs x 4
    [InlineData(16384, 144, 132, 2, 1)]   // in 128 x 128 tiles, two per SM: 144 tiles fill 132 SMs x 1
    [InlineData(16384, 48, 132, 8, 22)]   // LSTM 12x64: 48 tiles, eight per SM
    [InlineData(16384, 48, 132, 2, 5)]    // the same tiles if only two fit an SM
    [InlineData(512, 48, 132, 8, 2)]      // short sequences: at least 256 rows a split
    [InlineData(100, 48, 132, 8, 1)]
    public void Splits_fill_the_sms_with_the_ctas_that_fit(int rows, int outputTiles, int sms, int ctasPerSm, int expected)
        => Assert.Equal(expected, GpuRecurrence.SplitCount(rows, outputTiles, sms, ctasPerSm));

    [Fact]
    public void More_than_eight_ctas_per_sm_are_not_asked_for()
        => Assert.Equal(GpuRecurrence.SplitCount(16384, 48, 132, 8), GpuRecurrence.SplitCount(16384, 48, 132, 32));
}
