using System.Globalization;

namespace FlashRnn.Bench.Sweep;

/// <summary>How the hidden units are split: <see cref="Heads"/> independent heads of <see cref="HeadSize"/> units.</summary>
internal readonly record struct HeadLayout(int Heads, int HeadSize)
{
    /// <summary>The paper's head-size sweep at 768 hidden units: 48x16, 24x32, 12x64, 6x128, 3x256, 1x768.</summary>
    public static IReadOnlyList<HeadLayout> PaperSweep { get; } =
        [new(48, 16), new(24, 32), new(12, 64), new(6, 128), new(3, 256), new(1, 768)];

    /// <summary>Total hidden units (what cuDNN, which has no heads, is given).</summary>
    public int Hidden => Heads * HeadSize;

    /// <summary>Parses <c>NHxDH</c>, for example <c>12x64</c>.</summary>
    /// <exception cref="FormatException">The text is not two positive integers joined by <c>x</c>.</exception>
    public static HeadLayout Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length != 2 || !TryPositive(parts[0], out int heads) || !TryPositive(parts[1], out int headSize))
            throw new FormatException($"'{text}' is not a head layout: write heads x head size, for example 12x64 or 1x768.");
        return new HeadLayout(heads, headSize);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Heads}x{HeadSize}";

    private static bool TryPositive(string text, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
