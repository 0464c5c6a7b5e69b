using System;
using System.Globalization;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>
/// One node of a program's expression DAG. Operands (<see cref="A"/>, <see cref="B"/>, <see cref="C"/>) are indices
/// of earlier nodes in <see cref="CellProgram.Nodes"/>, or -1 when the operation has fewer operands.
/// </summary>
public readonly struct ProgramNode : IEquatable<ProgramNode>
{
    /// <summary>Creates a node.</summary>
    /// <param name="op">The operation.</param>
    /// <param name="a">First operand's node index, or -1.</param>
    /// <param name="b">Second operand's node index, or -1.</param>
    /// <param name="c">Third operand's node index, or -1.</param>
    /// <param name="index">The gate or state index of a leaf; 0 otherwise.</param>
    /// <param name="value">The value of a <see cref="ProgramOp.Constant"/>; 0 otherwise.</param>
    public ProgramNode(ProgramOp op, int a, int b, int c, int index, double value)
    {
        Op = op;
        A = a;
        B = b;
        C = c;
        Index = index;
        Value = value;
    }

    /// <summary>The operation.</summary>
    public ProgramOp Op { get; }

    /// <summary>First operand (node index) or -1.</summary>
    public int A { get; }

    /// <summary>Second operand (node index) or -1.</summary>
    public int B { get; }

    /// <summary>Third operand (node index) or -1.</summary>
    public int C { get; }

    /// <summary>Gate index of <see cref="ProgramOp.GateInput"/>/<see cref="ProgramOp.GateRecurrent"/>, state index of
    /// <see cref="ProgramOp.OldState"/>/<see cref="ProgramOp.Adjoint"/>.</summary>
    public int Index { get; }

    /// <summary>The value of a <see cref="ProgramOp.Constant"/>.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public bool Equals(ProgramNode other)
        => Op == other.Op && A == other.A && B == other.B && C == other.C && Index == other.Index &&
           BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ProgramNode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCodes.Combine(HashCodes.Combine((int)Op, A, B, C), Index, Value.GetHashCode());

    /// <inheritdoc/>
    public override string ToString() => Op switch
    {
        ProgramOp.Constant => Value.ToString("R", CultureInfo.InvariantCulture),
        _ when Op.IsLeaf() => Op + "(" + Index.ToString(CultureInfo.InvariantCulture) + ")",
        _ => Op + "(" + A.ToString(CultureInfo.InvariantCulture) +
             (B >= 0 ? ", " + B.ToString(CultureInfo.InvariantCulture) : "") +
             (C >= 0 ? ", " + C.ToString(CultureInfo.InvariantCulture) : "") + ")",
    };
}
