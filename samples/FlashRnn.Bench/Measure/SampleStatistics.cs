namespace FlashRnn.Bench.Measure;

/// <summary>Order statistics of repeated timings: the median is the headline, min and p10/p90 show the spread.</summary>
internal sealed record SampleStatistics(int Count, double Min, double P10, double Median, double P90, double Max, double Mean)
{
    /// <summary>Summarises <paramref name="samples"/> (any order).</summary>
    /// <exception cref="ArgumentException">No samples, or one that is not a finite number.</exception>
    public static SampleStatistics Of(IReadOnlyCollection<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("At least one sample is needed.", nameof(samples));
        if (samples.Any(s => !double.IsFinite(s))) throw new ArgumentException("Every sample must be a finite number.", nameof(samples));
        double[] sorted = samples.Order().ToArray();
        return new SampleStatistics(sorted.Length, sorted[0], Percentile(sorted, 10), Percentile(sorted, 50),
            Percentile(sorted, 90), sorted[^1], sorted.Average());
    }

    /// <summary>
    /// The <paramref name="percent"/>-th percentile of ascending <paramref name="sorted"/> values, interpolating linearly
    /// between the two nearest ranks (numpy's default), so the 50th of an even count is the mean of the middle two.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(sorted));
        if (percent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile lies in [0, 100].");
        double rank = percent / 100 * (sorted.Count - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
