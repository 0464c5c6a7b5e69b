using System;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>
/// The language's functions in double precision, with the same formulas as the runtime's <c>CellMath</c> (stable
/// sigmoid, softplus and logsigmoid; max/min/relu tie rules), so folding constants and evaluating programs agree
/// with the generated code.
/// </summary>
internal static class CellMathDouble
{
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    public static double LogSigmoid(double x) => -Softplus(-x);

    public static double Relu(double x) => x > 0 ? x : 0;

    public static double Max(double a, double b) => a >= b ? a : b;

    public static double Min(double a, double b) => a <= b ? a : b;

    /// <summary>Applies a unary or binary function or arithmetic operation.</summary>
    public static double Apply(ProgramOp op, double a, double b) => op switch
    {
        ProgramOp.Negate => -a,
        ProgramOp.Add => a + b,
        ProgramOp.Subtract => a - b,
        ProgramOp.Multiply => a * b,
        ProgramOp.Divide => a / b,
        ProgramOp.Sigmoid => Sigmoid(a),
        ProgramOp.Tanh => Math.Tanh(a),
        ProgramOp.Exp => Math.Exp(a),
        ProgramOp.Log => Math.Log(a),
        ProgramOp.LogSigmoid => LogSigmoid(a),
        ProgramOp.Softplus => Softplus(a),
        ProgramOp.Relu => Relu(a),
        ProgramOp.Abs => Math.Abs(a),
        ProgramOp.Sqrt => Math.Sqrt(a),
        ProgramOp.Max => Max(a, b),
        ProgramOp.Min => Min(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Expected an arithmetic operation or a function."),
    };

    /// <summary>Evaluates a comparison.</summary>
    public static bool Compare(ProgramOp op, double a, double b) => op switch
    {
        ProgramOp.Equal => a == b,
        ProgramOp.NotEqual => a != b,
        ProgramOp.Less => a < b,
        ProgramOp.LessOrEqual => a <= b,
        ProgramOp.Greater => a > b,
        ProgramOp.GreaterOrEqual => a >= b,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Expected a comparison."),
    };

    /// <summary>IsFinite for netstandard2.0.</summary>
    public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
}
