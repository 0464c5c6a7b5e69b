using System.Text;

namespace FlashRnn.Cpu;

/// <summary>
/// Checks the shapes of a forward or backward call against each other and the cell before any work is done, so a
/// bad call throws one exception naming the argument, the expected shape with its dimension names, and the actual
/// shape (for example <c>r has shape [4, 2, 8, 9], expected [G=4, NH=2, DH=8, DH=8] (R [G, NH, DHin, DHout])</c>).
/// B, T, NH and DH are inferred from <c>Wx</c>; G and S come from the cell.
/// </summary>
public static class RnnShapeValidator
{
    /// <summary>Validates the arguments of a forward call and returns the call's sizes.</summary>
    /// <param name="cell">The cell's description (gate and state counts).</param>
    /// <param name="wx">Shape of the gate inputs, <c>[B, T, G, NH, DH]</c>.</param>
    /// <param name="r">Shape of the recurrent weights, <c>[G, NH, DH, DH]</c>.</param>
    /// <param name="bias">Shape of the biases, <c>[G, NH, DH]</c>.</param>
    /// <param name="initialStates">Shape of the initial states <c>[S, B, NH, DH]</c>, or null when none are passed.</param>
    /// <exception cref="ArgumentException">A shape does not fit; the parameter name is the argument's.</exception>
    public static RnnDims ValidateForward(CellInfo cell, TensorShape wx, TensorShape r, TensorShape bias,
        TensorShape? initialStates)
    {
        ArgumentNullException.ThrowIfNull(cell);
        int g = cell.GateCount, s = cell.StateCount;
        if (wx.Rank != 5 || wx[2] != g)
            throw Mismatch("wx", "wx", wx, "Wx [B, T, G, NH, DH]", ("B", null), ("T", null), ("G", g), ("NH", null), ("DH", null));
        var dims = new RnnDims(wx[0], wx[1], g, wx[3], wx[4], s);
        int nh = dims.Heads, dh = dims.HeadSize, b = dims.Batch;

        Expect("r", "r", r, "R [G, NH, DHin, DHout]", ("G", g), ("NH", nh), ("DH", dh), ("DH", dh));
        Expect("bias", "bias", bias, "bias [G, NH, DH]", ("G", g), ("NH", nh), ("DH", dh));
        if (initialStates is { } init)
            Expect("initialStates", "initialStates", init, "initial states [S, B, NH, DH]", ("S", s), ("B", b), ("NH", nh), ("DH", dh));
        return dims;
    }

    /// <summary>Validates the arguments of a backward call and returns the call's sizes.</summary>
    /// <param name="cell">The cell's description (gate and state counts).</param>
    /// <param name="wx">Shape of the gate inputs, <c>[B, T, G, NH, DH]</c>.</param>
    /// <param name="r">Shape of the recurrent weights, <c>[G, NH, DH, DH]</c>.</param>
    /// <param name="bias">Shape of the biases, <c>[G, NH, DH]</c>.</param>
    /// <param name="initialStates">Shape of the initial states <c>[S, B, NH, DH]</c>, or null when none were passed.</param>
    /// <param name="forwardStates">Shape of the forward pass's states, <c>[S, B, T, NH, DH]</c>.</param>
    /// <param name="forwardLast">Shape of the forward pass's last states, <c>[S, B, NH, DH]</c>.</param>
    /// <param name="dStates">Shape of the gradient for every state at every step <c>[S, B, T, NH, DH]</c>, or null.</param>
    /// <param name="dLast">Shape of the gradient for the last states <c>[S, B, NH, DH]</c>, or null.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not fit; the parameter name is the argument's (<c>forward</c> for the forward result's tensors).
    /// </exception>
    public static RnnDims ValidateBackward(CellInfo cell, TensorShape wx, TensorShape r, TensorShape bias,
        TensorShape? initialStates, TensorShape forwardStates, TensorShape forwardLast, TensorShape? dStates,
        TensorShape? dLast)
    {
        var dims = ValidateForward(cell, wx, r, bias, initialStates);
        var (s, b, t, nh, dh) = (dims.States, dims.Batch, dims.Time, dims.Heads, dims.HeadSize);
        Expect("forward", "forward.States", forwardStates, "States [S, B, T, NH, DH]", ("S", s), ("B", b), ("T", t), ("NH", nh), ("DH", dh));
        Expect("forward", "forward.Last", forwardLast, "Last [S, B, NH, DH]", ("S", s), ("B", b), ("NH", nh), ("DH", dh));
        if (dStates is { } ds)
            Expect("dStates", "dStates", ds, "dStates [S, B, T, NH, DH]", ("S", s), ("B", b), ("T", t), ("NH", nh), ("DH", dh));
        if (dLast is { } dl)
            Expect("dLast", "dLast", dl, "dLast [S, B, NH, DH]", ("S", s), ("B", b), ("NH", nh), ("DH", dh));
        return dims;
    }

    private static void Expect(string paramName, string argument, TensorShape actual, string layout,
        params (string Name, int? Size)[] expected)
    {
        bool fits = actual.Rank == expected.Length;
        for (int i = 0; fits && i < expected.Length; i++)
            fits = expected[i].Size is not { } size || actual[i] == size;
        if (!fits) throw Mismatch(paramName, argument, actual, layout, expected);
    }

    private static ArgumentException Mismatch(string paramName, string argument, TensorShape actual, string layout,
        params (string Name, int? Size)[] expected)
    {
        var text = new StringBuilder();
        text.Append(argument).Append(" has shape ").Append(actual).Append(", expected [");
        for (int i = 0; i < expected.Length; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(expected[i].Name);
            if (expected[i].Size is { } size) text.Append('=').Append(size);
        }
        text.Append("] (").Append(layout).Append(')');
        return new ArgumentException(text.ToString(), paramName);
    }
}
