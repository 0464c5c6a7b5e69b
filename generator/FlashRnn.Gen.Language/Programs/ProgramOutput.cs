using System;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>What a program output is.</summary>
public enum ProgramOutputKind
{
    /// <summary>Forward: the new value of state <see cref="ProgramOutput.Index"/>.</summary>
    NewState = 0,

    /// <summary>Backward: the gradient with respect to gate <see cref="ProgramOutput.Index"/>'s input part.</summary>
    GateInputGradient = 1,

    /// <summary>Backward: the gradient with respect to gate <see cref="ProgramOutput.Index"/>'s recurrent part.</summary>
    GateRecurrentGradient = 2,

    /// <summary>Backward: the gradient with respect to the previous value of state <see cref="ProgramOutput.Index"/>,
    /// through this step's equations only (not through R).</summary>
    OldStateGradient = 3,
}

/// <summary>An output of a program: which value (<see cref="Kind"/>, <see cref="Index"/>) and the node computing it.</summary>
public readonly struct ProgramOutput : IEquatable<ProgramOutput>
{
    /// <summary>Creates an output.</summary>
    /// <param name="kind">What the output is.</param>
    /// <param name="index">The gate or state index.</param>
    /// <param name="node">Index into <see cref="CellProgram.Nodes"/>.</param>
    /// <param name="origin">The equation it implements (forward outputs), or none.</param>
    public ProgramOutput(ProgramOutputKind kind, int index, int node, StatementOrigin origin)
    {
        Kind = kind;
        Index = index;
        Node = node;
        Origin = origin;
    }

    /// <summary>What the output is.</summary>
    public ProgramOutputKind Kind { get; }

    /// <summary>The gate or state index.</summary>
    public int Index { get; }

    /// <summary>The node computing it (index into <see cref="CellProgram.Nodes"/>).</summary>
    public int Node { get; }

    /// <summary>The equation it implements, or none.</summary>
    public StatementOrigin Origin { get; }

    /// <inheritdoc/>
    public bool Equals(ProgramOutput other)
        => Kind == other.Kind && Index == other.Index && Node == other.Node && Origin == other.Origin;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ProgramOutput other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine((int)Kind, Index, Node, Origin.GetHashCode());
}
