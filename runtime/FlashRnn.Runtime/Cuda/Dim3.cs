namespace FlashRnn.Cuda;

/// <summary>Grid, block or cluster dimensions of a launch (<c>dim3</c>). Unset dimensions are 1.</summary>
/// <param name="X">Extent along x.</param>
/// <param name="Y">Extent along y.</param>
/// <param name="Z">Extent along z.</param>
public readonly record struct Dim3(int X, int Y = 1, int Z = 1)
{
    /// <summary>One block, one thread or a cluster of one: (1, 1, 1).</summary>
    public static Dim3 One => new(1, 1, 1);

    /// <summary>The product of the three extents.</summary>
    public long Volume => (long)X * Y * Z;

    /// <summary>A one-dimensional extent.</summary>
    public static implicit operator Dim3(int x) => new(x);

    /// <summary>Formats as <c>(x, y, z)</c>.</summary>
    public override string ToString() => $"({X}, {Y}, {Z})";

    /// <summary>Throws unless every extent is at least 1.</summary>
    internal void ThrowIfNotPositive(string parameterName, string what)
    {
        if (X < 1 || Y < 1 || Z < 1)
            throw new ArgumentOutOfRangeException(parameterName, this, $"Every {what} dimension must be at least 1.");
    }
}
