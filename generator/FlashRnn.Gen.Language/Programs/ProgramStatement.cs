using System;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>
/// A temporary of a program: node <see cref="Node"/> is computed once into temporary number i (its position in
/// <see cref="CellProgram.Statements"/>); later statements refer to it by that name.
/// </summary>
public readonly struct ProgramStatement : IEquatable<ProgramStatement>
{
    /// <summary>Creates a statement.</summary>
    /// <param name="node">Index into <see cref="CellProgram.Nodes"/>.</param>
    /// <param name="origin">The equation it implements.</param>
    public ProgramStatement(int node, StatementOrigin origin)
    {
        Node = node;
        Origin = origin;
    }

    /// <summary>The node computed (index into <see cref="CellProgram.Nodes"/>).</summary>
    public int Node { get; }

    /// <summary>The equation it implements.</summary>
    public StatementOrigin Origin { get; }

    /// <inheritdoc/>
    public bool Equals(ProgramStatement other) => Node == other.Node && Origin == other.Origin;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ProgramStatement other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Node, Origin.GetHashCode());
}
