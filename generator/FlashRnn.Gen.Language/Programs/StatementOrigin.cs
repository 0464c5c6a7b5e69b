using System;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>What a program statement implements, for the comment printed above it.</summary>
public enum OriginKind
{
    /// <summary>Not tied to one equation.</summary>
    None = 0,

    /// <summary>Part of an equation's right side (forward).</summary>
    Equation = 1,

    /// <summary>Part of the derivative of an equation (backward).</summary>
    Derivative = 2,
}

/// <summary>The equation a statement came from: forward ("line 3") or backward ("d/d of line 3").</summary>
public readonly struct StatementOrigin : IEquatable<StatementOrigin>
{
    private StatementOrigin(OriginKind kind, int equation)
    {
        Kind = kind;
        Equation = equation;
    }

    /// <summary>No equation.</summary>
    public static StatementOrigin None => default;

    /// <summary>Forward: part of equation <paramref name="equation"/> (an index into <see cref="CellModel.Equations"/>).</summary>
    /// <param name="equation">Index into <see cref="CellModel.Equations"/>.</param>
    public static StatementOrigin ForEquation(int equation) => new(OriginKind.Equation, equation);

    /// <summary>Backward: part of the derivative of equation <paramref name="equation"/>.</summary>
    /// <param name="equation">Index into <see cref="CellModel.Equations"/>.</param>
    public static StatementOrigin ForDerivative(int equation) => new(OriginKind.Derivative, equation);

    /// <summary>Forward, backward or none.</summary>
    public OriginKind Kind { get; }

    /// <summary>Index into <see cref="CellModel.Equations"/> (meaningless for <see cref="OriginKind.None"/>).</summary>
    public int Equation { get; }

    /// <summary>The derivative origin of this forward origin (none stays none).</summary>
    public StatementOrigin ToDerivative() => Kind == OriginKind.None ? None : ForDerivative(Equation);

    /// <inheritdoc/>
    public bool Equals(StatementOrigin other) => Kind == other.Kind && Equation == other.Equation;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StatementOrigin other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine((int)Kind, Equation);

    /// <summary>Equality.</summary>
    public static bool operator ==(StatementOrigin left, StatementOrigin right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(StatementOrigin left, StatementOrigin right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        OriginKind.Equation => "equation " + Equation,
        OriginKind.Derivative => "d/d of equation " + Equation,
        _ => "none",
    };
}
