using FlashRnn.Gpu;

namespace FlashRnn.Runtime.Tests.Cpu;

/// <summary>
/// How many row splits the weight-gradient GEMM takes: the count that runs the fewest waves of CTAs per unit of work
/// (SMs x the CTAs that fit one, at most eight), over at most two waves, never fewer than 256 rows a split. The wide
/// 128 x 128 tiles (16-bit, DH >= 128) fit two per SM, or one at DH 256.
/// </summary>
public class WeightGradientSplitTests
{
    [Theory]
    [InlineData(16384, 144, 132, 2, 3)]   // LSTM 1x768, 128 x 128 tiles: 1 split 0.506 ms, 2 0.487, 3 0.374 (gpu-run-65)
    [InlineData(16384, 108, 132, 2, 2)]   // GRU 1x768: 1 split 0.407 ms, 2 0.274, 3 0.343 (gpu-run-65)
    [InlineData(16384, 48, 132, 1, 5)]    // LSTM 3x256, one CTA an SM: 2 splits 0.219 ms, 3 0.285; 5 are two full waves
    [InlineData(16384, 576, 132, 8, 3)]   // LSTM 1x768 in 64 x 64 tiles: 1728 CTAs, two waves of 1056 nearly full
    [InlineData(16384, 48, 132, 8, 22)]   // LSTM 12x64: 48 tiles, eight per SM, one full wave
    [InlineData(16384, 24, 132, 2, 11)]   // 6x128 in 128 x 128 tiles: one full wave; 22 would be two as full
    [InlineData(16384, 48, 132, 2, 11)]   // 48 tiles where only two fit an SM: two waves, 96 % and 100 % full
    [InlineData(16384, 200, 132, 1, 1)]   // more tiles than slots: already two waves
    [InlineData(512, 48, 132, 8, 2)]      // short sequences: at least 256 rows a split
    [InlineData(100, 48, 132, 8, 1)]
    public void Splits_run_the_fewest_waves_per_unit_of_work(int rows, int outputTiles, int sms, int ctasPerSm, int expected)
        => Assert.Equal(expected, GpuRecurrence.SplitCount(rows, outputTiles, sms, ctasPerSm));

    [Fact]
    public void More_than_eight_ctas_per_sm_are_not_asked_for()
        => Assert.Equal(GpuRecurrence.SplitCount(16384, 48, 132, 8), GpuRecurrence.SplitCount(16384, 48, 132, 32));
}
