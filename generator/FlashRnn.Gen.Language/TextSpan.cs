using System;
using System.Globalization;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language;

/// <summary>A range of characters inside one declaration string: <see cref="Start"/> and <see cref="Length"/>.</summary>
public readonly struct TextSpan : IEquatable<TextSpan>
{
    /// <summary>Creates a span.</summary>
    /// <param name="start">Offset of the first character (0-based, in UTF-16 code units).</param>
    /// <param name="length">Number of characters; 0 marks a position between characters.</param>
    public TextSpan(int start, int length)
    {
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, "Expected a non-negative start.");
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "Expected a non-negative length.");
        Start = start;
        Length = length;
    }

    /// <summary>Offset of the first character.</summary>
    public int Start { get; }

    /// <summary>Number of characters.</summary>
    public int Length { get; }

    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static TextSpan Covering(TextSpan first, TextSpan last) => new(first.Start, Math.Max(0, last.End - first.Start));

    /// <inheritdoc/>
    public bool Equals(TextSpan other) => Start == other.Start && Length == other.Length;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TextSpan other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Start, Length);

    /// <summary>Equality.</summary>
    public static bool operator ==(TextSpan left, TextSpan right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TextSpan left, TextSpan right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "[{0}..{1})", Start, End);
}
