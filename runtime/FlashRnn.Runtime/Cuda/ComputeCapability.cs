namespace FlashRnn.Cuda;

/// <summary>A GPU's compute capability (for example 9.0 for an H100), which selects its instruction set.</summary>
/// <param name="Major">The major version (architecture generation).</param>
/// <param name="Minor">The minor version.</param>
public readonly record struct ComputeCapability(int Major, int Minor) : IComparable<ComputeCapability>
{
    /// <summary>The number NVRTC and the architecture names use: <c>Major * 10 + Minor</c> (90 for 9.0, 120 for 12.0).</summary>
    public int Number => Major * 10 + Minor;

    /// <summary>Creates the capability from its number (for example 86 for 8.6).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 10.</exception>
    public static ComputeCapability FromNumber(int number)
    {
        if (number < 10)
            throw new ArgumentOutOfRangeException(nameof(number), number, "Expected an architecture number such as 80 or 90.");
        return new ComputeCapability(number / 10, number % 10);
    }

    /// <inheritdoc/>
    public int CompareTo(ComputeCapability other) => Number.CompareTo(other.Number);

    /// <summary>Whether <paramref name="a"/> is older than <paramref name="b"/>.</summary>
    public static bool operator <(ComputeCapability a, ComputeCapability b) => a.Number < b.Number;

    /// <summary>Whether <paramref name="a"/> is newer than <paramref name="b"/>.</summary>
    public static bool operator >(ComputeCapability a, ComputeCapability b) => a.Number > b.Number;

    /// <summary>Whether <paramref name="a"/> is older than or equal to <paramref name="b"/>.</summary>
    public static bool operator <=(ComputeCapability a, ComputeCapability b) => a.Number <= b.Number;

    /// <summary>Whether <paramref name="a"/> is newer than or equal to <paramref name="b"/>.</summary>
    public static bool operator >=(ComputeCapability a, ComputeCapability b) => a.Number >= b.Number;

    /// <summary>Formats as <c>9.0</c>.</summary>
    public override string ToString() => $"{Major}.{Minor}";
}
