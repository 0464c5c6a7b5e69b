using System.Globalization;

namespace FlashRnn.Bench.Plots;

/// <summary>Tick values for logarithmic axes.</summary>
internal static class LogTicks
{
    /// <summary>
    /// The 1-2-5 values of each decade that lie in [<paramref name="min"/>, <paramref name="max"/>] widened by a
    /// quarter of a decade on each side (so the extreme points get a tick near them); every 1-9 value when fewer than
    /// three 1-2-5 values fall in.
    /// </summary>
    public static IReadOnlyList<double> Decades(double min, double max)
    {
        if (!(min > 0) || !(max >= min)) throw new ArgumentOutOfRangeException(nameof(min), $"Log ticks need 0 < min <= max, got {min} and {max}.");
        double low = min / 1.78, high = max * 1.78; // 10^0.25
        IReadOnlyList<double> ticks = Within(low, high, [1, 2, 5]);
        return ticks.Count >= 3 ? ticks : Within(low, high, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    /// <summary>A tick label: plain decimal notation, no exponent.</summary>
    public static string Label(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static IReadOnlyList<double> Within(double low, double high, double[] mantissas)
    {
        var ticks = new List<double>();
        for (int exponent = (int)Math.Floor(Math.Log10(low)); exponent <= (int)Math.Ceiling(Math.Log10(high)); exponent++)
        {
            foreach (double mantissa in mantissas)
            {
                // Rounded so that 0.1 * 3 prints as 0.3, not 0.30000000000000004.
                double value = Math.Round(mantissa * Math.Pow(10, exponent), 12);
                if (value >= low && value <= high) ticks.Add(value);
            }
        }
        return ticks;
    }
}
