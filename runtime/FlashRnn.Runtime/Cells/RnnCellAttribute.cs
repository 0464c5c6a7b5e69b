namespace FlashRnn;

/// <summary>
/// Declares a recurrent cell on a <c>static partial class</c>. The FlashRnn.Gen source generator reads this
/// attribute together with <see cref="EquationsAttribute"/> and emits the cell's typed forward and backward API,
/// its CPU reference and its CUDA kernels.
/// </summary>
/// <example>
/// <code>
/// [RnnCell(Gates = "i f z o", States = "h c", Recurrent = "h")]
/// [Equations("""
///     c = sigmoid(f) * c + sigmoid(i) * tanh(z)
///     h = sigmoid(o) * tanh(c)
///     """)]
/// public static partial class Lstm;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RnnCellAttribute : Attribute
{
    /// <summary>
    /// Space-separated gate names, in the order their rows appear in <c>Wx</c>, <c>R</c> and <c>b</c>.
    /// Each gate <c>g</c> is a pre-activation <c>g = g.input + g.recurrent</c>, where <c>g.input</c> is the gate's
    /// slice of <c>Wx</c> and <c>g.recurrent</c> is <c>R_g · s_rec(t-1) + b_g</c>.
    /// </summary>
    public string Gates { get; set; } = "";

    /// <summary>Space-separated state names (for example <c>"h c"</c>), in the order of the state tensors.</summary>
    public string States { get; set; } = "";

    /// <summary>The state that feeds the recurrence through <c>R</c>; defaults to the first state.</summary>
    public string? Recurrent { get; set; }

    /// <summary>Space-separated states the cell exposes as outputs; defaults to the recurrent state.</summary>
    public string? Outputs { get; set; }

    /// <summary>
    /// Initial values of states used when the caller passes no initial states, as comma-separated
    /// assignments of constants (for example <c>"n = 1, m = 0"</c>); unnamed states start at zero.
    /// </summary>
    public string? Initial { get; set; }
}

/// <summary>
/// The cell's equations: one assignment per line, evaluated in order within a time step. A state read before its
/// assignment is its previous value, after it the new one; names that are neither gates nor states are temporaries.
/// Lines starting with <c>//</c> or <c>#</c> are comments.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EquationsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="text">The equations, one assignment per line.</param>
    public EquationsAttribute(string text) => Text = text;

    /// <summary>The equations text.</summary>
    public string Text { get; }
}

/// <summary>
/// A shape and dtype the generator specialises the cell's GPU kernels for at build time. Shapes not declared are
/// generated from the same plan at run time and compiled once.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SpecializeAttribute : Attribute
{
    /// <summary>Number of heads (block-diagonal blocks of <c>R</c>).</summary>
    public int Heads { get; set; } = 1;

    /// <summary>Units per head.</summary>
    public int HeadSize { get; set; }

    /// <summary>Storage dtype of the GPU kernels; accumulation is always float32.</summary>
    public RnnDType DType { get; set; } = RnnDType.BFloat16;
}

/// <summary>Element types of the GPU kernels' inputs and outputs.</summary>
public enum RnnDType
{
    /// <summary>IEEE 754 binary32.</summary>
    Float32 = 0,
    /// <summary>bfloat16 (8-bit exponent, 7-bit mantissa).</summary>
    BFloat16 = 1,
    /// <summary>IEEE 754 binary16.</summary>
    Float16 = 2,
}
