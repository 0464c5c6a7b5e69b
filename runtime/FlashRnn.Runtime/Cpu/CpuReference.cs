using System.Numerics;

namespace FlashRnn.Cpu;

/// <summary>
/// The CPU reference engine: runs any cell given as an <see cref="IPointwiseCell"/> over a whole sequence, forward
/// and backward, on all cores. Generated cells call it when no GPU is present, and GPU results are tested against it.
/// </summary>
/// <remarks>
/// <para>Tensor layout (FlashRNN's, all row-major):</para>
/// <list type="bullet">
/// <item><c>wx [B, T, G, NH, DH]</c>: the gate inputs (the input projection, already computed by the caller).</item>
/// <item><c>r [G, NH, DHin, DHout]</c>: one DH x DH recurrent block per gate and head, used as
/// <c>rec[b, g, h, j] = Σ_i s_rec[b, h, i] · R[g, h, i, j] + bias[g, h, j]</c>, where s_rec is the state
/// <see cref="CellInfo.RecurrentState"/> after the previous step.</item>
/// <item><c>bias [G, NH, DH]</c>: added to the recurrent part of each gate.</item>
/// <item><c>initialStates [S, B, NH, DH]</c>: optional; null means <see cref="CellInfo.InitialValues"/> broadcast.</item>
/// </list>
/// <para>B, T, NH and DH are read from <c>wx</c>; G and S come from <c>TCell.Info</c>. Every shape is checked
/// against the others before any work (see <see cref="RnnShapeValidator"/>); a bad call throws and writes nothing.
/// Inputs are only read; results are new tensors.</para>
/// <para>Work is spread over (batch row, head) pairs for the recurrences and over rows of dR for the weight
/// gradients. Each output element is computed by one worker in a fixed order, so results are bitwise identical
/// whatever the degree of parallelism.</para>
/// </remarks>
public static class CpuReference
{
    /// <summary>Runs the cell forward over the whole sequence.</summary>
    /// <typeparam name="TCell">The cell's pointwise step.</typeparam>
    /// <typeparam name="T">The element type (float or double in practice); accumulation is in this type.</typeparam>
    /// <param name="wx">Gate inputs, <c>[B, T, G, NH, DH]</c>.</param>
    /// <param name="r">Recurrent weights, <c>[G, NH, DH, DH]</c> (input unit i, output unit j).</param>
    /// <param name="bias">Biases of the recurrent parts, <c>[G, NH, DH]</c>.</param>
    /// <param name="initialStates">Initial states <c>[S, B, NH, DH]</c>, or null for the cell's initial values.</param>
    /// <param name="maxDegreeOfParallelism">Most workers to use; -1 (the default) for as many as there are cores.</param>
    /// <returns>Every state after every step, <c>[S, B, T, NH, DH]</c>, and the last states, <c>[S, B, NH, DH]</c>.</returns>
    /// <exception cref="ArgumentNullException">A required tensor is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the others or the cell.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public static RnnForwardResult<T> Forward<TCell, T>(HostTensor<T> wx, HostTensor<T> r, HostTensor<T> bias,
        HostTensor<T>? initialStates, int maxDegreeOfParallelism = -1)
        where TCell : struct, IPointwiseCell
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(wx);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(bias);
        var options = Parallelism(maxDegreeOfParallelism);
        var cell = TCell.Info;
        var dims = RnnShapeValidator.ValidateForward(cell, wx.Shape, r.Shape, bias.Shape, initialStates?.Shape);

        var initial = InitialStates.Resolve(cell, dims, initialStates);
        var states = new HostTensor<T>(dims.States, dims.Batch, dims.Time, dims.Heads, dims.HeadSize);
        var last = new HostTensor<T>(dims.States, dims.Batch, dims.Heads, dims.HeadSize);
        int recurrentState = cell.RecurrentState;

        Parallel.For(0, dims.Batch * dims.Heads, options,
            () => new ForwardRecurrence.Scratch<T>(dims),
            (pair, _, scratch) =>
            {
                ForwardRecurrence.Run<TCell, T>(dims, recurrentState, wx.Array, r.Array, bias.Array, initial,
                    states.Array, last.Array, b: pair / dims.Heads, h: pair % dims.Heads, scratch);
                return scratch;
            },
            _ => { });

        return new RnnForwardResult<T>(states, last);
    }

    /// <summary>
    /// Back-propagates through the whole sequence: given the gradient of a loss with respect to the states the
    /// forward pass returned, computes its gradient with respect to every input of the forward pass.
    /// </summary>
    /// <typeparam name="TCell">The cell's pointwise step (the one the forward pass ran).</typeparam>
    /// <typeparam name="T">The element type; accumulation is in this type.</typeparam>
    /// <param name="wx">Gate inputs of the forward pass, <c>[B, T, G, NH, DH]</c>.</param>
    /// <param name="r">Recurrent weights of the forward pass, <c>[G, NH, DH, DH]</c>.</param>
    /// <param name="bias">Biases of the forward pass, <c>[G, NH, DH]</c>.</param>
    /// <param name="initialStates">Initial states of the forward pass, or null if it used the cell's initial values.</param>
    /// <param name="forward">What the forward pass returned (its states are read, not recomputed).</param>
    /// <param name="dStates">Gradient with respect to every state at every step, <c>[S, B, T, NH, DH]</c>; null for zero.</param>
    /// <param name="dLast">Gradient with respect to the last states, <c>[S, B, NH, DH]</c>; null for zero. It adds
    /// to step T-1 of <paramref name="dStates"/>.</param>
    /// <param name="maxDegreeOfParallelism">Most workers to use; -1 (the default) for as many as there are cores.</param>
    /// <returns>The gradients with respect to <c>wx</c>, <c>r</c>, <c>bias</c> and the initial states.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the others or the cell.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public static RnnGradients<T> Backward<TCell, T>(HostTensor<T> wx, HostTensor<T> r, HostTensor<T> bias,
        HostTensor<T>? initialStates, RnnForwardResult<T> forward, HostTensor<T>? dStates, HostTensor<T>? dLast,
        int maxDegreeOfParallelism = -1)
        where TCell : struct, IPointwiseCell
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(wx);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(forward);
        var options = Parallelism(maxDegreeOfParallelism);
        var cell = TCell.Info;
        var dims = RnnShapeValidator.ValidateBackward(cell, wx.Shape, r.Shape, bias.Shape, initialStates?.Shape,
            forward.States.Shape, forward.Last.Shape, dStates?.Shape, dLast?.Shape);

        var initial = InitialStates.Resolve(cell, dims, initialStates);
        var dWx = new HostTensor<T>(wx.Shape);
        var dR = new HostTensor<T>(r.Shape);
        var dBias = new HostTensor<T>(bias.Shape);
        var dInitial = new HostTensor<T>(dims.States, dims.Batch, dims.Heads, dims.HeadSize);
        // Kept between the recurrence and the weight reduction, each laid out so the reduction reads contiguously.
        var dRecurrent = new T[dims.Gates * dims.Heads * dims.Batch * dims.Time * dims.HeadSize];
        var recurrentInputs = new T[dims.Heads * dims.Batch * dims.Time * dims.HeadSize];
        int recurrentState = cell.RecurrentState;

        Parallel.For(0, dims.Batch * dims.Heads, options,
            () => new BackwardRecurrence.Scratch<T>(dims),
            (pair, _, scratch) =>
            {
                var input = new BackwardRecurrence.Inputs<T>(wx.Array, r.Array, bias.Array, initial,
                    forward.States.Array, dStates is null ? default : dStates.Array,
                    dLast is null ? default : dLast.Array);
                var output = new BackwardRecurrence.Outputs<T>(dWx.Array, dRecurrent, recurrentInputs, dInitial.Array);
                BackwardRecurrence.Run<TCell, T>(dims, recurrentState, input, output,
                    b: pair / dims.Heads, h: pair % dims.Heads, scratch);
                return scratch;
            },
            _ => { });

        WeightGradients.Reduce(dims, dRecurrent, recurrentInputs, dR.Array, dBias.Array, options);
        return new RnnGradients<T>(dWx, dR, dBias, dInitial);
    }

    private static ParallelOptions Parallelism(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                "Use -1 for all cores or a positive number of workers.");
        return new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
    }
}
