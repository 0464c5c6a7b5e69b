using System.Collections.Generic;
using System.Globalization;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Ir;

/// <summary>
/// A node of the expression DAG. Nodes are hash-consed by <see cref="NodeFactory"/>: two structurally equal nodes of
/// one factory are the same object, so reference equality is structural equality and sharing is automatic (CSE).
/// <see cref="Id"/> increases with creation, so every node's operands have smaller ids (a topological order).
/// </summary>
internal sealed class Node
{
    internal Node(int id, ProgramOp op, Node? a, Node? b, Node? c, int index, double value, StatementOrigin origin)
    {
        Id = id;
        Op = op;
        A = a;
        B = b;
        C = c;
        Index = index;
        Value = value;
        Origin = origin;
    }

    public int Id { get; }

    public ProgramOp Op { get; }

    public Node? A { get; }

    public Node? B { get; }

    public Node? C { get; }

    /// <summary>Gate or state index of a leaf.</summary>
    public int Index { get; }

    /// <summary>Value of a constant.</summary>
    public double Value { get; }

    /// <summary>The equation (or derivative of one) whose lowering first created this node.</summary>
    public StatementOrigin Origin { get; }

    public bool IsConstant => Op == ProgramOp.Constant;

    public bool Is(double constant) => Op == ProgramOp.Constant && Value == constant;

    public IEnumerable<Node> Operands
    {
        get
        {
            if (A is not null) yield return A;
            if (B is not null) yield return B;
            if (C is not null) yield return C;
        }
    }

    /// <summary>A readable form for debugging and test messages (bounded depth).</summary>
    public override string ToString() => Describe(6);

    private string Describe(int depth)
    {
        if (Op == ProgramOp.Constant) return Value.ToString("R", CultureInfo.InvariantCulture);
        if (Op.IsLeaf()) return Op + "[" + Index.ToString(CultureInfo.InvariantCulture) + "]";
        if (depth == 0) return "#" + Id.ToString(CultureInfo.InvariantCulture);
        var parts = new List<string>();
        foreach (Node operand in Operands) parts.Add(operand.Describe(depth - 1));
        return Op + "(" + string.Join(", ", parts) + ")";
    }
}
