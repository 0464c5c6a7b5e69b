using System;
using System.Collections.Generic;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Ir;

/// <summary>The derivative expressions of one step: gradients of the gate parts and of the previous states.</summary>
internal sealed class Gradients
{
    public Gradients(Node[] gateInput, Node[] gateRecurrent, Node[] oldState)
    {
        GateInput = gateInput;
        GateRecurrent = gateRecurrent;
        OldState = oldState;
    }

    public Node[] GateInput { get; }

    public Node[] GateRecurrent { get; }

    public Node[] OldState { get; }
}

/// <summary>
/// Reverse-mode symbolic differentiation on the DAG. The seeds are <see cref="ProgramOp.Adjoint"/> leaves, one per
/// new state; adjoints flow from each node to its operands in decreasing id order (users before operands), and the
/// adjoints reaching the leaves are the gradients. Every derivative is built through the factory, so it is
/// simplified and shares structure with the forward expressions.
/// </summary>
/// <remarks>
/// Derivatives reuse forward values where that is cheaper: d sigmoid = s(1 - s), d tanh = 1 - t², d exp = e,
/// d sqrt = 1 / (2 r), d(a/b)/db = -(a/b)/b. Kinks: max(a, b) passes the gradient to a when a &gt;= b (the branch
/// max takes), min(a, b) to a when a &lt;= b, relu'(0) = 0, abs'(0) = +1. Conditions get no gradient.
/// </remarks>
internal static class Differentiator
{
    public static Gradients Differentiate(NodeFactory factory, IReadOnlyList<Node> newStates, int gateCount)
    {
        var adjoints = new Dictionary<Node, Node>();
        factory.Origin = StatementOrigin.None;
        for (int k = 0; k < newStates.Count; k++) Accumulate(factory, adjoints, newStates[k], factory.Adjoint(k));

        foreach (Node node in InDecreasingId(newStates))
        {
            if (node.Op.IsLeaf() || node.Op.IsCondition()) continue;
            if (!adjoints.TryGetValue(node, out Node? adjoint)) continue;
            factory.Origin = node.Origin.ToDerivative();
            Propagate(factory, adjoints, node, adjoint);
        }
        factory.Origin = StatementOrigin.None;

        Node GradientOf(Node leaf) => adjoints.TryGetValue(leaf, out Node? gradient) ? gradient : factory.Zero;
        var gateInput = new Node[gateCount];
        var gateRecurrent = new Node[gateCount];
        for (int g = 0; g < gateCount; g++)
        {
            gateInput[g] = GradientOf(factory.GateInput(g));
            gateRecurrent[g] = GradientOf(factory.GateRecurrent(g));
        }
        var oldState = new Node[newStates.Count];
        for (int k = 0; k < oldState.Length; k++) oldState[k] = GradientOf(factory.OldState(k));
        return new Gradients(gateInput, gateRecurrent, oldState);
    }

    private static void Propagate(NodeFactory f, Dictionary<Node, Node> adjoints, Node node, Node adjoint)
    {
        Node a = node.A!;
        switch (node.Op)
        {
            case ProgramOp.Negate:
                Accumulate(f, adjoints, a, f.Negate(adjoint));
                break;
            case ProgramOp.Add:
                Accumulate(f, adjoints, a, adjoint);
                Accumulate(f, adjoints, node.B!, adjoint);
                break;
            case ProgramOp.Subtract:
                Accumulate(f, adjoints, a, adjoint);
                Accumulate(f, adjoints, node.B!, f.Negate(adjoint));
                break;
            case ProgramOp.Multiply:
                Accumulate(f, adjoints, a, f.Multiply(adjoint, node.B!));
                Accumulate(f, adjoints, node.B!, f.Multiply(adjoint, a));
                break;
            case ProgramOp.Divide:
                Node overDenominator = f.Divide(adjoint, node.B!);
                Accumulate(f, adjoints, a, overDenominator);
                Accumulate(f, adjoints, node.B!, f.Negate(f.Multiply(overDenominator, node)));
                break;
            case ProgramOp.Sigmoid:
                Accumulate(f, adjoints, a, f.Multiply(adjoint, f.Multiply(node, f.Subtract(f.One, node))));
                break;
            case ProgramOp.Tanh:
                Accumulate(f, adjoints, a, f.Multiply(adjoint, f.Subtract(f.One, f.Multiply(node, node))));
                break;
            case ProgramOp.Exp:
                Accumulate(f, adjoints, a, f.Multiply(adjoint, node));
                break;
            case ProgramOp.Log:
                Accumulate(f, adjoints, a, f.Divide(adjoint, a));
                break;
            case ProgramOp.LogSigmoid:
                // d/dx log(sigmoid(x)) = 1 - sigmoid(x) = sigmoid(-x), accurate where sigmoid(x) is close to 1.
                Accumulate(f, adjoints, a, f.Multiply(adjoint, f.Function(ProgramOp.Sigmoid, f.Negate(a))));
                break;
            case ProgramOp.Softplus:
                Accumulate(f, adjoints, a, f.Multiply(adjoint, f.Function(ProgramOp.Sigmoid, a)));
                break;
            case ProgramOp.Relu:
                Accumulate(f, adjoints, a, f.Select(f.Compare(ProgramOp.Greater, a, f.Zero), adjoint, f.Zero));
                break;
            case ProgramOp.Abs:
                Accumulate(f, adjoints, a, f.Select(f.Compare(ProgramOp.GreaterOrEqual, a, f.Zero), adjoint, f.Negate(adjoint)));
                break;
            case ProgramOp.Sqrt:
                Accumulate(f, adjoints, a, f.Divide(f.Multiply(f.Constant(0.5), adjoint), node));
                break;
            case ProgramOp.Max:
            case ProgramOp.Min:
                Node firstWins = f.Compare(node.Op == ProgramOp.Max ? ProgramOp.GreaterOrEqual : ProgramOp.LessOrEqual, a, node.B!);
                Accumulate(f, adjoints, a, f.Select(firstWins, adjoint, f.Zero));
                Accumulate(f, adjoints, node.B!, f.Select(firstWins, f.Zero, adjoint));
                break;
            case ProgramOp.Select:
                Accumulate(f, adjoints, node.B!, f.Select(a, adjoint, f.Zero));
                Accumulate(f, adjoints, node.C!, f.Select(a, f.Zero, adjoint));
                break;
            default:
                throw new InvalidOperationException($"No derivative rule for {node.Op}.");
        }
    }

    private static void Accumulate(NodeFactory f, Dictionary<Node, Node> adjoints, Node target, Node contribution)
    {
        if (target.IsConstant || target.Op.IsCondition() || contribution.Is(0)) return;
        adjoints[target] = adjoints.TryGetValue(target, out Node? sum) ? f.Add(sum, contribution) : contribution;
    }

    /// <summary>Every node reachable from <paramref name="roots"/>, users before operands.</summary>
    private static List<Node> InDecreasingId(IReadOnlyList<Node> roots)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>();
        foreach (Node root in roots)
        {
            if (seen.Add(root)) stack.Push(root);
        }
        while (stack.Count > 0)
        {
            foreach (Node operand in stack.Pop().Operands)
            {
                if (seen.Add(operand)) stack.Push(operand);
            }
        }
        var order = new List<Node>(seen);
        order.Sort((x, y) => y.Id.CompareTo(x.Id));
        return order;
    }
}
