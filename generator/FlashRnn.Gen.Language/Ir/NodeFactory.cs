using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Ir;

/// <summary>
/// Builds hash-consed DAG nodes and simplifies as it builds: constant folding (when the result is finite), the
/// identities x+0, x-0, 0-x, x*1, x*(-1), x*0 = 0, 0/x = 0, x/1, x-x = 0, x/x = 1, x+x = 2*x, -(-x), -(a-b) = b-a,
/// signs moved out of products and quotients (exact in IEEE arithmetic), |-x| = |x|, max(x,x) = x, and select with
/// equal branches or a decided condition. Commutative operands are ordered by id so a+b and b+a are one node
/// (IEEE addition and multiplication are commutative, so this never changes a result).
/// </summary>
/// <remarks>
/// x*0 = 0, 0/x = 0, x-x = 0 and x/x = 1 are algebraic identities that IEEE arithmetic breaks for infinities and
/// NaN (and x/x for 0); the language treats values as finite reals, as the generated code's users expect.
/// </remarks>
internal sealed class NodeFactory
{
    private readonly Dictionary<NodeKey, Node> _nodes = new();

    /// <summary>The origin recorded on nodes created from now on.</summary>
    public StatementOrigin Origin { get; set; }

    public int Count => _nodes.Count;

    // ---- leaves ----------------------------------------------------------------------------------------------------

    public Node Constant(double value) => Intern(ProgramOp.Constant, null, null, null, 0, value == 0 ? 0.0 : value);

    public Node Zero => Constant(0);

    public Node One => Constant(1);

    public Node GateInput(int gate) => Intern(ProgramOp.GateInput, null, null, null, gate, 0);

    public Node GateRecurrent(int gate) => Intern(ProgramOp.GateRecurrent, null, null, null, gate, 0);

    public Node OldState(int state) => Intern(ProgramOp.OldState, null, null, null, state, 0);

    public Node Adjoint(int state) => Intern(ProgramOp.Adjoint, null, null, null, state, 0);

    public Node FirstStep() => Intern(ProgramOp.FirstStep, null, null, null, 0, 0);

    // ---- arithmetic --------------------------------------------------------------------------------------------------

    public Node Negate(Node x)
    {
        if (x.IsConstant) return Constant(-x.Value);
        if (x.Op == ProgramOp.Negate) return x.A!;
        if (x.Op == ProgramOp.Subtract) return Subtract(x.B!, x.A!);
        return Intern(ProgramOp.Negate, x, null, null, 0, 0);
    }

    public Node Add(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant && TryFold(a.Value + b.Value, out Node? folded)) return folded;
        if (a.Is(0)) return b;
        if (b.Is(0)) return a;
        if (b.Op == ProgramOp.Negate) return Subtract(a, b.A!);
        if (a.Op == ProgramOp.Negate) return Subtract(b, a.A!);
        if (b.IsConstant && b.Value < 0) return Subtract(a, Constant(-b.Value));
        if (a.IsConstant && a.Value < 0) return Subtract(b, Constant(-a.Value));
        if (a == b) return Multiply(Constant(2), a);
        return Ordered(ProgramOp.Add, a, b);
    }

    public Node Subtract(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant && TryFold(a.Value - b.Value, out Node? folded)) return folded;
        if (b.Is(0)) return a;
        if (a.Is(0)) return Negate(b);
        if (a == b) return Zero;
        if (b.Op == ProgramOp.Negate) return Add(a, b.A!);
        if (b.IsConstant && b.Value < 0) return Add(a, Constant(-b.Value));
        return Intern(ProgramOp.Subtract, a, b, null, 0, 0);
    }

    public Node Multiply(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant && TryFold(a.Value * b.Value, out Node? folded)) return folded;
        if (a.Is(0) || b.Is(0)) return Zero;
        if (a.Is(1)) return b;
        if (b.Is(1)) return a;
        if (a.Is(-1)) return Negate(b);
        if (b.Is(-1)) return Negate(a);
        if (a.IsConstant && b.Op == ProgramOp.Negate) return Multiply(Constant(-a.Value), b.A!);
        if (b.IsConstant && a.Op == ProgramOp.Negate) return Multiply(a.A!, Constant(-b.Value));
        if (a.Op == ProgramOp.Negate && b.Op == ProgramOp.Negate) return Multiply(a.A!, b.A!);
        if (a.Op == ProgramOp.Negate) return Negate(Multiply(a.A!, b));
        if (b.Op == ProgramOp.Negate) return Negate(Multiply(a, b.A!));
        return Ordered(ProgramOp.Multiply, a, b);
    }

    public Node Divide(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant && b.Value != 0 && TryFold(a.Value / b.Value, out Node? folded)) return folded;
        if (b.Is(1)) return a;
        if (b.Is(-1)) return Negate(a);
        if (a.Is(0)) return Zero;
        if (a == b) return One;
        if (a.Op == ProgramOp.Negate) return Negate(Divide(a.A!, b));
        if (b.Op == ProgramOp.Negate) return Negate(Divide(a, b.A!));
        return Intern(ProgramOp.Divide, a, b, null, 0, 0);
    }

    // ---- functions -------------------------------------------------------------------------------------------------

    /// <summary>A one-argument function (sigmoid ... sqrt).</summary>
    public Node Function(ProgramOp op, Node x)
    {
        if (op.Arity() != 1 || !op.IsFunction())
            throw new ArgumentOutOfRangeException(nameof(op), op, "Expected a one-argument function.");
        if (x.IsConstant && TryFold(CellMathDouble.Apply(op, x.Value, 0), out Node? folded)) return folded;
        switch (op)
        {
            case ProgramOp.Abs when x.Op is ProgramOp.Negate:
                return Function(ProgramOp.Abs, x.A!);
            case ProgramOp.Abs when x.Op is ProgramOp.Abs or ProgramOp.Relu:
                return x;
            case ProgramOp.Relu when x.Op is ProgramOp.Relu or ProgramOp.Abs:
                return x;
        }
        return Intern(op, x, null, null, 0, 0);
    }

    /// <summary>max or min; the first operand wins ties.</summary>
    public Node Extremum(ProgramOp op, Node a, Node b)
    {
        if (op is not (ProgramOp.Max or ProgramOp.Min))
            throw new ArgumentOutOfRangeException(nameof(op), op, "Expected Max or Min.");
        if (a.IsConstant && b.IsConstant) return Constant(CellMathDouble.Apply(op, a.Value, b.Value));
        if (a == b) return a;
        return Intern(op, a, b, null, 0, 0);
    }

    /// <summary>Any arithmetic operation or function by its operation code.</summary>
    public Node Apply(ProgramOp op, Node a, Node? b = null) => op switch
    {
        ProgramOp.Negate => Negate(a),
        ProgramOp.Add => Add(a, Required(b)),
        ProgramOp.Subtract => Subtract(a, Required(b)),
        ProgramOp.Multiply => Multiply(a, Required(b)),
        ProgramOp.Divide => Divide(a, Required(b)),
        ProgramOp.Max or ProgramOp.Min => Extremum(op, a, Required(b)),
        _ => Function(op, a),
    };

    // ---- conditions ------------------------------------------------------------------------------------------------

    public Node Compare(ProgramOp op, Node a, Node b)
    {
        if (!op.IsComparison()) throw new ArgumentOutOfRangeException(nameof(op), op, "Expected a comparison.");
        return Intern(op, a, b, null, 0, 0);
    }

    public Node Select(Node condition, Node whenTrue, Node whenFalse)
    {
        if (!condition.Op.IsCondition())
            throw new ArgumentException("The condition of a select must be a comparison or the first-step flag.", nameof(condition));
        if (whenTrue == whenFalse) return whenTrue;
        if (condition.Op.IsComparison())
        {
            Node left = condition.A!, right = condition.B!;
            if (left.IsConstant && right.IsConstant)
                return CellMathDouble.Compare(condition.Op, left.Value, right.Value) ? whenTrue : whenFalse;
            if (left == right)
                return condition.Op is ProgramOp.Equal or ProgramOp.LessOrEqual or ProgramOp.GreaterOrEqual ? whenTrue : whenFalse;
        }
        return Intern(ProgramOp.Select, condition, whenTrue, whenFalse, 0, 0);
    }

    // ---- interning -------------------------------------------------------------------------------------------------

    private Node Ordered(ProgramOp op, Node a, Node b)
        => a.Id <= b.Id ? Intern(op, a, b, null, 0, 0) : Intern(op, b, a, null, 0, 0);

    private bool TryFold(double value, [NotNullWhen(true)] out Node? node)
    {
        node = CellMathDouble.IsFinite(value) ? Constant(value) : null;
        return node is not null;
    }

    private static Node Required(Node? operand)
        => operand ?? throw new ArgumentNullException(nameof(operand), "This operation takes two operands.");

    private Node Intern(ProgramOp op, Node? a, Node? b, Node? c, int index, double value)
    {
        var key = new NodeKey(op, a?.Id ?? -1, b?.Id ?? -1, c?.Id ?? -1, index, BitConverter.DoubleToInt64Bits(value));
        if (_nodes.TryGetValue(key, out Node? existing)) return existing;
        var node = new Node(_nodes.Count, op, a, b, c, index, value, Origin);
        _nodes.Add(key, node);
        return node;
    }

    private readonly struct NodeKey : IEquatable<NodeKey>
    {
        private readonly ProgramOp _op;
        private readonly int _a, _b, _c, _index;
        private readonly long _valueBits;

        public NodeKey(ProgramOp op, int a, int b, int c, int index, long valueBits)
        {
            _op = op;
            _a = a;
            _b = b;
            _c = c;
            _index = index;
            _valueBits = valueBits;
        }

        public bool Equals(NodeKey other)
            => _op == other._op && _a == other._a && _b == other._b && _c == other._c && _index == other._index &&
               _valueBits == other._valueBits;

        public override bool Equals(object? obj) => obj is NodeKey other && Equals(other);

        public override int GetHashCode()
            => HashCodes.Combine(HashCodes.Combine((int)_op, _a, _b, _c), _index, _valueBits.GetHashCode());
    }
}
