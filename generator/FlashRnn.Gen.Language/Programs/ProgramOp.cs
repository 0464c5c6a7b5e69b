namespace FlashRnn.Gen.Language.Programs;

/// <summary>The operations of a cell program: leaves, arithmetic, the language's functions, comparisons, select.</summary>
public enum ProgramOp
{
    /// <summary>A constant (<see cref="ProgramNode.Value"/>).</summary>
    Constant,

    /// <summary>Leaf: gate <see cref="ProgramNode.Index"/>'s input part (its slice of Wx).</summary>
    GateInput,

    /// <summary>Leaf: gate <see cref="ProgramNode.Index"/>'s recurrent part (R_g · s_rec(t-1) + b_g).</summary>
    GateRecurrent,

    /// <summary>Leaf: the previous value of state <see cref="ProgramNode.Index"/>.</summary>
    OldState,

    /// <summary>Leaf (condition): true on the first time step of a sequence.</summary>
    FirstStep,

    /// <summary>Leaf (backward only): the incoming gradient of the new value of state <see cref="ProgramNode.Index"/>.</summary>
    Adjoint,

    /// <summary>-A.</summary>
    Negate,

    /// <summary>A + B.</summary>
    Add,

    /// <summary>A - B.</summary>
    Subtract,

    /// <summary>A * B.</summary>
    Multiply,

    /// <summary>A / B.</summary>
    Divide,

    /// <summary>1 / (1 + e^-A), computed without overflow.</summary>
    Sigmoid,

    /// <summary>tanh(A).</summary>
    Tanh,

    /// <summary>e^A.</summary>
    Exp,

    /// <summary>ln(A).</summary>
    Log,

    /// <summary>log(sigmoid(A)) = -softplus(-A).</summary>
    LogSigmoid,

    /// <summary>log(1 + e^A), computed without overflow.</summary>
    Softplus,

    /// <summary>A &gt; 0 ? A : 0.</summary>
    Relu,

    /// <summary>|A|.</summary>
    Abs,

    /// <summary>sqrt(A).</summary>
    Sqrt,

    /// <summary>A &gt;= B ? A : B (the first operand on ties, which fixes the derivative's branch).</summary>
    Max,

    /// <summary>A &lt;= B ? A : B (the first operand on ties).</summary>
    Min,

    /// <summary>Condition A == B.</summary>
    Equal,

    /// <summary>Condition A != B.</summary>
    NotEqual,

    /// <summary>Condition A &lt; B.</summary>
    Less,

    /// <summary>Condition A &lt;= B.</summary>
    LessOrEqual,

    /// <summary>Condition A &gt; B.</summary>
    Greater,

    /// <summary>Condition A &gt;= B.</summary>
    GreaterOrEqual,

    /// <summary>A ? B : C, where A is a condition (a comparison or <see cref="FirstStep"/>).</summary>
    Select,
}

/// <summary>Facts about <see cref="ProgramOp"/> values.</summary>
public static class ProgramOps
{
    /// <summary>Number of operands (0 for leaves and constants).</summary>
    /// <param name="op">The operation.</param>
    public static int Arity(this ProgramOp op) => op switch
    {
        ProgramOp.Constant or ProgramOp.GateInput or ProgramOp.GateRecurrent or ProgramOp.OldState or
            ProgramOp.FirstStep or ProgramOp.Adjoint => 0,
        ProgramOp.Add or ProgramOp.Subtract or ProgramOp.Multiply or ProgramOp.Divide or ProgramOp.Max or
            ProgramOp.Min => 2,
        ProgramOp.Select => 3,
        _ when op.IsComparison() => 2,
        _ => 1,
    };

    /// <summary>True for operations without operands: inputs and constants.</summary>
    /// <param name="op">The operation.</param>
    public static bool IsLeaf(this ProgramOp op) => op.Arity() == 0;

    /// <summary>True for the six comparisons.</summary>
    /// <param name="op">The operation.</param>
    public static bool IsComparison(this ProgramOp op) => op is ProgramOp.Equal or ProgramOp.NotEqual or ProgramOp.Less or
        ProgramOp.LessOrEqual or ProgramOp.Greater or ProgramOp.GreaterOrEqual;

    /// <summary>True for operations whose value is a condition (comparisons and <see cref="ProgramOp.FirstStep"/>).</summary>
    /// <param name="op">The operation.</param>
    public static bool IsCondition(this ProgramOp op) => op == ProgramOp.FirstStep || op.IsComparison();

    /// <summary>True for the language's named functions (sigmoid ... min).</summary>
    /// <param name="op">The operation.</param>
    public static bool IsFunction(this ProgramOp op) => op >= ProgramOp.Sigmoid && op <= ProgramOp.Min;

    /// <summary>The function's name in the cell language (<c>sigmoid</c>), for function operations.</summary>
    /// <param name="op">A function operation.</param>
    public static string LanguageName(this ProgramOp op) => op switch
    {
        ProgramOp.Sigmoid => "sigmoid",
        ProgramOp.Tanh => "tanh",
        ProgramOp.Exp => "exp",
        ProgramOp.Log => "log",
        ProgramOp.LogSigmoid => "logsigmoid",
        ProgramOp.Softplus => "softplus",
        ProgramOp.Relu => "relu",
        ProgramOp.Abs => "abs",
        ProgramOp.Sqrt => "sqrt",
        ProgramOp.Max => "max",
        ProgramOp.Min => "min",
        _ => op.ToString(),
    };

    /// <summary>The operator text of arithmetic and comparisons (<c>+</c>, <c>&gt;=</c>), null otherwise.</summary>
    /// <param name="op">The operation.</param>
    public static string? OperatorText(this ProgramOp op) => op switch
    {
        ProgramOp.Negate or ProgramOp.Subtract => "-",
        ProgramOp.Add => "+",
        ProgramOp.Multiply => "*",
        ProgramOp.Divide => "/",
        ProgramOp.Equal => "==",
        ProgramOp.NotEqual => "!=",
        ProgramOp.Less => "<",
        ProgramOp.LessOrEqual => "<=",
        ProgramOp.Greater => ">",
        ProgramOp.GreaterOrEqual => ">=",
        _ => null,
    };
}
