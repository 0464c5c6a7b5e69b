using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlashRnn.Cpu;

/// <summary>
/// The functions of the cell language over any IEEE floating-point type, as the generated CPU reference calls them.
/// Each is written to stay finite where the mathematical function is (for example <see cref="LogSigmoid{T}"/> and
/// <see cref="Softplus{T}"/> do not overflow for large arguments).
/// </summary>
public static class CellMath
{
    /// <summary>Logistic sigmoid 1 / (1 + e^-x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
        => x >= T.Zero ? T.One / (T.One + T.Exp(-x)) : T.Exp(x) / (T.One + T.Exp(x));

    /// <summary>Hyperbolic tangent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);

    /// <summary>e^x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);

    /// <summary>Natural logarithm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x);

    /// <summary>log(sigmoid(x)) = -softplus(-x), computed without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogSigmoid<T>(T x) where T : IFloatingPointIeee754<T> => -Softplus(-x);

    /// <summary>log(1 + e^x), computed without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T>
        => T.Max(x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));

    /// <summary>max(x, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Relu<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : T.Zero;

    /// <summary>|x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Abs<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);

    /// <summary>Square root.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sqrt<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);

    /// <summary>The larger of two values (the first when equal, which fixes the derivative's branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Max<T>(T a, T b) where T : IFloatingPointIeee754<T> => a >= b ? a : b;

    /// <summary>The smaller of two values (the first when equal, which fixes the derivative's branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Min<T>(T a, T b) where T : IFloatingPointIeee754<T> => a <= b ? a : b;

    /// <summary>A constant of the equations, converted to <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Const<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);
}
