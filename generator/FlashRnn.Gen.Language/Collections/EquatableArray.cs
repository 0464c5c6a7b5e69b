using System;
using System.Collections;
using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Collections;

/// <summary>
/// An immutable array that compares by its elements. Models that an incremental generator caches on must compare by
/// value, which <c>ImmutableArray</c> does not (it compares by reference).
/// </summary>
/// <typeparam name="T">The element type; compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    /// <summary>Copies <paramref name="items"/> into a new array.</summary>
    /// <param name="items">The elements, in order.</param>
    public EquatableArray(IEnumerable<T> items)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        _items = new List<T>(items).ToArray();
    }

    private EquatableArray(T[] owned) => _items = owned;

    /// <summary>The empty array (also what <c>default</c> is).</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>Number of elements.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>The element at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position, less than <see cref="Count"/>.</param>
    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an index below {Count}.");
            return _items![index];
        }
    }

    /// <summary>Wraps an array the caller hands over and never changes again (no copy).</summary>
    internal static EquatableArray<T> TakeOwnership(T[] items) => new(items);

    /// <summary>A copy of the elements as a new array.</summary>
    public T[] ToArray() => _items is null ? Array.Empty<T>() : (T[])_items.Clone();

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other)
    {
        int count = Count;
        if (count != other.Count) return false;
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < count; i++)
        {
            if (!comparer.Equals(_items![i], other._items![i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = HashCodes.Seed;
        if (_items is null) return hash;
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        foreach (T item in _items) hash = HashCodes.Combine(hash, item is null ? 0 : comparer.GetHashCode(item));
        return hash;
    }

    /// <summary>Element-wise equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Element-wise inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Enumerates the elements without allocating.</summary>
    public Enumerator GetEnumerator() => new(_items ?? Array.Empty<T>());

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => (_items ?? Array.Empty<T>()).GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items ?? Array.Empty<T>()) + "]";

    /// <summary>A struct enumerator over the elements.</summary>
    public struct Enumerator
    {
        private readonly T[] _items;
        private int _index;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        /// <summary>The current element.</summary>
        public readonly T Current => _items[_index];

        /// <summary>Moves to the next element.</summary>
        /// <returns>False after the last element.</returns>
        public bool MoveNext() => ++_index < _items.Length;
    }
}

/// <summary>Creates <see cref="EquatableArray{T}"/> values.</summary>
public static class EquatableArray
{
    /// <summary>An array holding <paramref name="items"/> (copied).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements, in order.</param>
    public static EquatableArray<T> Create<T>(params T[] items) where T : IEquatable<T>
        => EquatableArray<T>.TakeOwnership((T[])items.Clone());

    /// <summary>Copies a sequence into an <see cref="EquatableArray{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements, in order.</param>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) where T : IEquatable<T>
        => new(items);
}
