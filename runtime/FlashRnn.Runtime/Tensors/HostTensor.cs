namespace FlashRnn;

/// <summary>
/// A dense, row-major tensor in host memory. It owns a contiguous array; the CPU reference reads and writes it and
/// device tensors copy to and from it.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class HostTensor<T> where T : unmanaged
{
    private readonly T[] _data;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    public HostTensor(params int[] shape) : this(new TensorShape(shape)) { }

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    public HostTensor(TensorShape shape)
    {
        Shape = shape;
        _data = new T[checked((int)shape.ElementCount)];
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">The array's length is not the shape's element count.</exception>
    public HostTensor(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        Shape = new TensorShape(shape);
        if (data.Length != Shape.ElementCount)
            throw new ArgumentException($"The array holds {data.Length} elements but shape {Shape} needs {Shape.ElementCount}.", nameof(data));
        _data = data;
    }

    /// <summary>The tensor's dimensions.</summary>
    public TensorShape Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Length => _data.Length;

    /// <summary>The elements, row-major.</summary>
    public Span<T> Span => _data;

    /// <summary>The underlying array, row-major.</summary>
    public T[] Array => _data;

    /// <summary>The element at the given multi-index.</summary>
    public ref T this[params int[] index] => ref _data[FlatIndex(index)];

    /// <summary>A deep copy.</summary>
    public HostTensor<T> Clone() => new((T[])_data.Clone(), Shape.Dims.ToArray());

    /// <summary>Fills every element with <paramref name="value"/>.</summary>
    public void Fill(T value) => _data.AsSpan().Fill(value);

    /// <inheritdoc/>
    public override string ToString() => $"HostTensor<{typeof(T).Name}>{Shape}";

    private int FlatIndex(int[] index)
    {
        if (index.Length != Shape.Rank)
            throw new ArgumentException($"Index of rank {index.Length} for a tensor of shape {Shape}.", nameof(index));
        int flat = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)Shape[i])
                throw new IndexOutOfRangeException($"Index {TensorShape.Format(index)} is outside shape {Shape}.");
            flat = flat * Shape[i] + index[i];
        }
        return flat;
    }
}
