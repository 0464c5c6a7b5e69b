using System.Globalization;

namespace StateTracking.Tasks;

/// <summary>An inclusive range of sequence lengths, written <c>4..32</c> (or <c>16</c> for one length).</summary>
/// <param name="Min">Shortest length, at least 1.</param>
/// <param name="Max">Longest length, at least <paramref name="Min"/>.</param>
internal readonly record struct LengthRange(int Min, int Max)
{
    /// <summary>Draws a length uniformly from the range.</summary>
    public int Sample(Random random) => random.Next(Min, Max + 1);

    /// <summary>
    /// <paramref name="count"/> lengths spread evenly from <see cref="Min"/> to <see cref="Max"/> (both included when
    /// <paramref name="count"/> is at least 2), without repeats.
    /// </summary>
    public IReadOnlyList<int> Spread(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count == 1 || Min == Max) return [Max];
        var lengths = new SortedSet<int>();
        for (int i = 0; i < count; i++)
            lengths.Add(Min + (int)Math.Round((double)(Max - Min) * i / (count - 1)));
        return [.. lengths];
    }

    /// <inheritdoc/>
    public override string ToString() => Min == Max ? Min.ToString(CultureInfo.InvariantCulture) : $"{Min}..{Max}";

    /// <summary>Parses <c>MIN..MAX</c> or a single length.</summary>
    /// <exception cref="FormatException">The text is not of that form, or a length is below 1, or MIN exceeds MAX.</exception>
    public static LengthRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !parts.All(IsLength))
            throw new FormatException($"'{text}' is not a length range: write MIN..MAX (for example 4..32) or one length, each at least 1.");
        int min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int max = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (min > max)
            throw new FormatException($"'{text}' is not a length range: MIN ({min}) is larger than MAX ({max}).");
        return new LengthRange(min, max);

        static bool IsLength(string part)
            => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1;
    }
}
