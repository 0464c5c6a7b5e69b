using System;
using System.Globalization;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Printing;

/// <summary>
/// The target language of <see cref="ProgramPrinter"/>: C# generic math over an element type <c>T</c> (the CPU
/// reference, calling the runtime's <c>CellMath</c>), or CUDA float32 (calling the <c>frg_*</c> helpers of the
/// kernel templates). Both share C's operator precedence and comment syntax.
/// </summary>
public sealed class CodeDialect
{
    private readonly bool _isCuda;

    private CodeDialect(bool isCuda, string elementType)
    {
        _isCuda = isCuda;
        ElementType = elementType;
    }

    /// <summary>C# generic math over a type parameter named <c>T</c>.</summary>
    public static CodeDialect CSharp { get; } = new(isCuda: false, "T");

    /// <summary>CUDA C++ in float32.</summary>
    public static CodeDialect Cuda { get; } = new(isCuda: true, "float");

    /// <summary>The type temporaries are declared with (<c>T</c> or <c>float</c>).</summary>
    public string ElementType { get; }

    /// <summary>C# generic math over a type parameter with another name.</summary>
    /// <param name="elementType">The type parameter's name, constrained to <c>IFloatingPointIeee754</c>.</param>
    public static CodeDialect CSharpOver(string elementType)
    {
        if (string.IsNullOrWhiteSpace(elementType))
            throw new ArgumentException("Expected the name of the element type parameter, such as 'T'.", nameof(elementType));
        return new CodeDialect(isCuda: false, elementType);
    }

    /// <inheritdoc/>
    public override string ToString() => _isCuda ? "CUDA float32" : "C# generic math over " + ElementType;

    /// <summary>
    /// True when division is a call (<c>frg_div(a, b)</c>) rather than the <c>/</c> operator: CUDA's <c>/</c> is
    /// IEEE division, a multi-instruction sequence with a slow path, which the kernels' fast-math tiers replace with a
    /// reciprocal (frg_math.cuh).
    /// </summary>
    internal bool DividesByCall => _isCuda;

    internal string DeclareTemporary(string name, string expression) => ElementType + " " + name + " = " + expression + ";";

    /// <summary>The function's name, e.g. <c>CellMath.Sigmoid</c> or <c>frg_sigmoid</c>.</summary>
    internal string FunctionName(ProgramOp op)
    {
        if (!_isCuda) return "CellMath." + CSharpName(op);
        return op switch
        {
            ProgramOp.Abs => "fabsf",
            ProgramOp.Sqrt => "sqrtf",
            ProgramOp.Divide => "frg_div",
            _ => "frg_" + op.LanguageName(),
        };
    }

    /// <summary>A constant, and whether it reads as a unary minus expression (a negative CUDA literal).</summary>
    internal string Constant(double value, out bool isNegation)
    {
        isNegation = false;
        if (!_isCuda)
        {
            if (value == 0) return ElementType + ".Zero";
            if (value == 1) return ElementType + ".One";
            if (value == -1) return ElementType + ".NegativeOne";
            return "CellMath.Const<" + ElementType + ">(" + value.ToString("R", CultureInfo.InvariantCulture) + ")";
        }
        isNegation = value < 0;
        string digits = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
        bool hasPointOrExponent = digits.IndexOf('.') >= 0 || digits.IndexOf('e') >= 0;
        return digits + (hasPointOrExponent ? "f" : ".0f");
    }

    private static string CSharpName(ProgramOp op) => op switch
    {
        ProgramOp.Sigmoid => "Sigmoid",
        ProgramOp.Tanh => "Tanh",
        ProgramOp.Exp => "Exp",
        ProgramOp.Log => "Log",
        ProgramOp.LogSigmoid => "LogSigmoid",
        ProgramOp.Softplus => "Softplus",
        ProgramOp.Relu => "Relu",
        ProgramOp.Abs => "Abs",
        ProgramOp.Sqrt => "Sqrt",
        ProgramOp.Max => "Max",
        ProgramOp.Min => "Min",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Expected a function."),
    };
}
