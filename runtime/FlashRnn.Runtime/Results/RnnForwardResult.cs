namespace FlashRnn;

/// <summary>
/// What a forward pass over a whole sequence returns: every state after every time step, and the states after the
/// last step (the ones to pass as initial states when the sequence continues).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// Axes: S states (in the order of <see cref="CellInfo.States"/>), B batch rows, T time steps, NH heads, DH units per
/// head. <see cref="Last"/> holds the same values as time step T-1 of <see cref="States"/>; it is kept separately
/// because callers chain sequences with it and because the backward pass takes a separate gradient for it.
/// </remarks>
public sealed class RnnForwardResult<T> where T : unmanaged
{
    /// <summary>Wraps the two output tensors (not copied).</summary>
    /// <param name="states">Every state after each step, <c>[S, B, T, NH, DH]</c>.</param>
    /// <param name="last">The states after the last step, <c>[S, B, NH, DH]</c>.</param>
    /// <exception cref="ArgumentException">The shapes do not fit each other.</exception>
    public RnnForwardResult(HostTensor<T> states, HostTensor<T> last)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(last);
        if (states.Shape.Rank != 5)
            throw new ArgumentException(
                $"states has shape {states.Shape}, expected rank 5 (States [S, B, T, NH, DH]).", nameof(states));
        var s = states.Shape;
        var expectedLast = new TensorShape(s[0], s[1], s[3], s[4]);
        if (last.Shape != expectedLast)
            throw new ArgumentException(
                $"last has shape {last.Shape}, expected [S={s[0]}, B={s[1]}, NH={s[3]}, DH={s[4]}] (Last [S, B, NH, DH]).",
                nameof(last));
        States = states;
        Last = last;
    }

    /// <summary>Every state after each time step, <c>[S, B, T, NH, DH]</c>.</summary>
    public HostTensor<T> States { get; }

    /// <summary>The states after the last time step, <c>[S, B, NH, DH]</c>.</summary>
    public HostTensor<T> Last { get; }

    /// <summary>Number of states S.</summary>
    public int StateCount => States.Shape[0];

    /// <summary>A copy of state <paramref name="k"/> over all steps, <c>[B, T, NH, DH]</c>.</summary>
    /// <param name="k">The state's index on the S axis (see <see cref="CellInfo.States"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in [0, S).</exception>
    public HostTensor<T> State(int k) => SliceLeadingAxis(States, k);

    /// <summary>A copy of state <paramref name="k"/> after the last step, <c>[B, NH, DH]</c>.</summary>
    /// <param name="k">The state's index on the S axis (see <see cref="CellInfo.States"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in [0, S).</exception>
    public HostTensor<T> LastState(int k) => SliceLeadingAxis(Last, k);

    // S is the leading axis, so one state is one contiguous block.
    private static HostTensor<T> SliceLeadingAxis(HostTensor<T> tensor, int k)
    {
        int count = tensor.Shape[0];
        if ((uint)k >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"State index must be in [0, {count}).");
        int[] rest = tensor.Shape.Dims.RemoveAt(0).ToArray();
        int blockLength = tensor.Length / count;
        var slice = new HostTensor<T>(rest);
        tensor.Span.Slice(k * blockLength, blockLength).CopyTo(slice.Span);
        return slice;
    }
}
