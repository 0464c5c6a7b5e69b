using System.Collections.Immutable;

namespace FlashRnn;

/// <summary>The dimensions of a dense, row-major tensor.</summary>
public readonly struct TensorShape : IEquatable<TensorShape>
{
    private readonly ImmutableArray<int> _dims;

    /// <summary>Creates a shape; every dimension must be positive.</summary>
    public TensorShape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        foreach (int d in dims)
        {
            if (d <= 0)
                throw new ArgumentOutOfRangeException(nameof(dims), $"Tensor dimensions must be positive, got {Format(dims)}.");
        }
        _dims = ImmutableArray.Create(dims);
    }

    /// <summary>The dimensions.</summary>
    public ImmutableArray<int> Dims => _dims.IsDefault ? ImmutableArray<int>.Empty : _dims;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>Dimension <paramref name="axis"/>.</summary>
    public int this[int axis] => Dims[axis];

    /// <summary>Number of elements (product of the dimensions).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (int d in Dims) n *= d;
            return n;
        }
    }

    /// <inheritdoc/>
    public bool Equals(TensorShape other) => Dims.AsSpan().SequenceEqual(other.Dims.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TensorShape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Formats as <c>[2, 3, 4]</c>.</summary>
    public override string ToString() => Format(Dims.AsSpan());

    /// <summary>Equality.</summary>
    public static bool operator ==(TensorShape a, TensorShape b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TensorShape a, TensorShape b) => !a.Equals(b);

    internal static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";
}
