using System;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>
/// A straight-line program: an expression DAG (<see cref="Nodes"/>, each node after its operands), the nodes
/// computed once into temporaries (<see cref="Statements"/>, in execution order) and the <see cref="Outputs"/>.
/// A node that is neither a leaf nor a statement is used exactly once and is written inline where it is used.
/// Compares by value.
/// </summary>
/// <remarks>
/// Execution model: run the statements in order, then assign the outputs in order. Output expressions read the
/// program's inputs, so output storage must not alias input storage.
/// </remarks>
public sealed class CellProgram : IEquatable<CellProgram>
{
    private readonly int[] _temporaryOfNode;

    /// <summary>Creates a program; checks that operands and references point to earlier or existing nodes.</summary>
    /// <param name="nodes">The DAG, each node after its operands.</param>
    /// <param name="statements">Temporaries in execution order.</param>
    /// <param name="outputs">The outputs.</param>
    public CellProgram(EquatableArray<ProgramNode> nodes, EquatableArray<ProgramStatement> statements, EquatableArray<ProgramOutput> outputs)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            ProgramNode node = nodes[i];
            int arity = node.Op.Arity();
            CheckOperand(node.A, arity >= 1, i);
            CheckOperand(node.B, arity >= 2, i);
            CheckOperand(node.C, arity >= 3, i);
        }

        _temporaryOfNode = new int[nodes.Count];
        for (int i = 0; i < _temporaryOfNode.Length; i++) _temporaryOfNode[i] = -1;
        for (int t = 0; t < statements.Count; t++)
        {
            int node = statements[t].Node;
            if ((uint)node >= (uint)nodes.Count)
                throw new ArgumentException($"Statement {t} refers to node {node}, but there are {nodes.Count} nodes.", nameof(statements));
            _temporaryOfNode[node] = t;
        }
        foreach (ProgramOutput output in outputs)
        {
            if ((uint)output.Node >= (uint)nodes.Count)
                throw new ArgumentException($"An output refers to node {output.Node}, but there are {nodes.Count} nodes.", nameof(outputs));
        }

        Nodes = nodes;
        Statements = statements;
        Outputs = outputs;
    }

    /// <summary>The expression DAG, each node after its operands.</summary>
    public EquatableArray<ProgramNode> Nodes { get; }

    /// <summary>The temporaries, in execution order; temporary i is <c>Statements[i]</c>.</summary>
    public EquatableArray<ProgramStatement> Statements { get; }

    /// <summary>The outputs, assigned after all statements.</summary>
    public EquatableArray<ProgramOutput> Outputs { get; }

    /// <summary>The temporary that holds node <paramref name="node"/>, or -1 when the node is written inline.</summary>
    /// <param name="node">Index into <see cref="Nodes"/>.</param>
    public int TemporaryOf(int node) => _temporaryOfNode[node];

    /// <inheritdoc/>
    public bool Equals(CellProgram? other)
        => other is not null && Nodes == other.Nodes && Statements == other.Statements && Outputs == other.Outputs;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CellProgram);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Nodes.GetHashCode(), Statements.GetHashCode(), Outputs.GetHashCode());

    private static void CheckOperand(int operand, bool required, int node)
    {
        if (required ? operand < 0 || operand >= node : operand != -1)
        {
            throw new ArgumentException(required
                ? $"Node {node} has operand {operand}; operands must be earlier nodes."
                : $"Node {node} has operand {operand} its operation does not take; use -1.", "nodes");
        }
    }
}
