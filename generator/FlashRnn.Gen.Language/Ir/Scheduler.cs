using System;
using System.Collections.Generic;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Ir;

/// <summary>
/// Turns the DAG nodes reachable from a set of outputs into a straight-line <see cref="CellProgram"/>: it decides
/// which nodes become temporaries and orders them.
/// </summary>
/// <remarks>
/// A node becomes a temporary when it is used more than once (so it is computed once: common-subexpression
/// elimination), when its one user belongs to another equation (so each block of code implements the equation its
/// comment names), or when writing it inline would nest deeper than <see cref="MaxInlineHeight"/> (readability, and
/// bounded recursion in printers). Leaves, constants and conditions are always written inline; a condition's
/// height counts towards the select that uses it. Statements run in node-id order, which is creation order: dependencies first, and
/// forward values before the derivatives that use them.
/// </remarks>
internal static class Scheduler
{
    /// <summary>The deepest expression written inline in one statement.</summary>
    public const int MaxInlineHeight = 8;

    public static CellProgram Schedule(IReadOnlyList<ScheduledOutput> outputs)
    {
        List<Node> nodes = Reachable(outputs);
        var indexOf = new Dictionary<Node, int>(nodes.Count);
        for (int i = 0; i < nodes.Count; i++) indexOf[nodes[i]] = i;

        bool[] isTemporary = ChooseTemporaries(nodes, indexOf, outputs);

        var programNodes = new ProgramNode[nodes.Count];
        var statements = new List<ProgramStatement>();
        for (int i = 0; i < nodes.Count; i++)
        {
            Node node = nodes[i];
            programNodes[i] = new ProgramNode(node.Op, IndexOrNone(node.A), IndexOrNone(node.B), IndexOrNone(node.C), node.Index, node.Value);
            if (isTemporary[i]) statements.Add(new ProgramStatement(i, node.Origin));
        }
        var programOutputs = new ProgramOutput[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
        {
            ScheduledOutput output = outputs[i];
            programOutputs[i] = new ProgramOutput(output.Kind, output.Index, indexOf[output.Value], output.Origin);
        }
        return new CellProgram(EquatableArray<ProgramNode>.TakeOwnership(programNodes), statements.ToEquatableArray(),
            EquatableArray<ProgramOutput>.TakeOwnership(programOutputs));

        int IndexOrNone(Node? operand) => operand is null ? -1 : indexOf[operand];
    }

    private static bool[] ChooseTemporaries(List<Node> nodes, Dictionary<Node, int> indexOf, IReadOnlyList<ScheduledOutput> outputs)
    {
        int count = nodes.Count;
        var uses = new int[count];
        var onlyUserOrigin = new StatementOrigin[count];
        foreach (ScheduledOutput output in outputs)
        {
            int i = indexOf[output.Value];
            uses[i]++;
            onlyUserOrigin[i] = output.Origin.Kind == OriginKind.None ? output.Value.Origin : output.Origin;
        }
        foreach (Node node in nodes)
        {
            foreach (Node operand in node.Operands)
            {
                int i = indexOf[operand];
                uses[i]++;
                onlyUserOrigin[i] = node.Origin;
            }
        }

        var isTemporary = new bool[count];
        var inlineHeight = new int[count];
        for (int i = 0; i < count; i++)
        {
            Node node = nodes[i];
            if (node.Op.IsLeaf()) continue;
            int height = 0;
            foreach (Node operand in node.Operands)
            {
                int o = indexOf[operand];
                height = Math.Max(height, isTemporary[o] ? 0 : inlineHeight[o]);
            }
            inlineHeight[i] = height + 1;
            if (node.Op.IsCondition()) continue;

            bool crossesEquations = uses[i] == 1 && onlyUserOrigin[i] != node.Origin &&
                                    onlyUserOrigin[i].Kind != OriginKind.None && node.Origin.Kind != OriginKind.None;
            if (uses[i] > 1 || crossesEquations || inlineHeight[i] > MaxInlineHeight)
            {
                isTemporary[i] = true;
            }
        }
        return isTemporary;
    }

    /// <summary>The nodes reachable from the outputs, in increasing id (every node after its operands).</summary>
    private static List<Node> Reachable(IReadOnlyList<ScheduledOutput> outputs)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>();
        foreach (ScheduledOutput output in outputs)
        {
            if (seen.Add(output.Value)) stack.Push(output.Value);
        }
        while (stack.Count > 0)
        {
            foreach (Node operand in stack.Pop().Operands)
            {
                if (seen.Add(operand)) stack.Push(operand);
            }
        }
        var order = new List<Node>(seen);
        order.Sort((x, y) => x.Id.CompareTo(y.Id));
        return order;
    }
}
