using System.Globalization;

namespace FlashRnn.Bench.Sweep;

/// <summary>
/// Parses the comma-separated lists of the selection options (<c>--cells lstm,gru</c>, <c>--batches 2..256</c>):
/// items in the order given, duplicates dropped, and a message naming the option for anything malformed.
/// </summary>
internal static class AxisParser
{
    /// <summary>Each item of <paramref name="text"/> parsed with <paramref name="parseItem"/>; null when the option was not given.</summary>
    /// <exception cref="ArgumentException">An item is empty or does not parse; the message names <paramref name="option"/>.</exception>
    public static IReadOnlyList<T>? ParseList<T>(string? text, string option, Func<string, T> parseItem)
    {
        if (text is null) return null;
        var items = new List<T>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            if (item.Length == 0)
                throw new ArgumentException($"{option}: empty item in '{text}'; separate values with commas, for example {option} a,b.");
            T value;
            try
            {
                value = parseItem(item);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"{option}: {e.Message}", e);
            }
            if (!items.Contains(value)) items.Add(value);
        }
        return items;
    }

    /// <summary>
    /// Positive integers, each either a number or a doubling range <c>a..b</c> (<c>2..256</c> is 2, 4, 8, ..., 256).
    /// </summary>
    public static IReadOnlyList<int>? ParseSizes(string? text, string option)
    {
        IReadOnlyList<IReadOnlyList<int>>? groups = ParseList(text, option, ParseSizeItem);
        return groups?.SelectMany(g => g).Distinct().ToArray();
    }

    private static IReadOnlyList<int> ParseSizeItem(string item)
    {
        int range = item.IndexOf("..", StringComparison.Ordinal);
        if (range < 0) return [ParsePositive(item)];
        int from = ParsePositive(item[..range]), to = ParsePositive(item[(range + 2)..]);
        if (from > to) throw new FormatException($"'{item}' runs backwards; write the smaller size first, for example 2..256.");
        var sizes = new List<int>();
        for (long size = from; size <= to; size *= 2) sizes.Add((int)size);
        return sizes;
    }

    private static int ParsePositive(string text)
    {
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0) return value;
        throw new FormatException($"'{text}' is not a positive integer.");
    }
}
