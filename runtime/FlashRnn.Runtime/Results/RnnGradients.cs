namespace FlashRnn;

/// <summary>
/// What a backward pass returns: the gradient of the loss with respect to every input of the forward pass.
/// Each tensor has the shape of the input it belongs to.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class RnnGradients<T> where T : unmanaged
{
    /// <summary>Wraps the four gradient tensors (not copied).</summary>
    /// <param name="dWx">Gradient with respect to the gate inputs, <c>[B, T, G, NH, DH]</c>.</param>
    /// <param name="dR">Gradient with respect to the recurrent weights, <c>[G, NH, DH, DH]</c>.</param>
    /// <param name="dBias">Gradient with respect to the biases, <c>[G, NH, DH]</c>.</param>
    /// <param name="dInitialStates">Gradient with respect to the initial states, <c>[S, B, NH, DH]</c>.</param>
    public RnnGradients(HostTensor<T> dWx, HostTensor<T> dR, HostTensor<T> dBias, HostTensor<T> dInitialStates)
    {
        ArgumentNullException.ThrowIfNull(dWx);
        ArgumentNullException.ThrowIfNull(dR);
        ArgumentNullException.ThrowIfNull(dBias);
        ArgumentNullException.ThrowIfNull(dInitialStates);
        DWx = dWx;
        DR = dR;
        DBias = dBias;
        DInitialStates = dInitialStates;
    }

    /// <summary>Gradient with respect to the gate inputs <c>Wx</c>, <c>[B, T, G, NH, DH]</c>.</summary>
    public HostTensor<T> DWx { get; }

    /// <summary>
    /// Gradient with respect to the recurrent weights <c>R</c>, <c>[G, NH, DHin, DHout]</c>:
    /// <c>dR[g, h, i, j] = Σ_{b,t} s_rec(t-1)[b, h, i] · drec[b, t, g, h, j]</c>, where <c>drec</c> is the gradient
    /// of gate g's recurrent part.
    /// </summary>
    public HostTensor<T> DR { get; }

    /// <summary>Gradient with respect to the biases, <c>[G, NH, DH]</c> (the sum over batch and time of <c>drec</c>).</summary>
    public HostTensor<T> DBias { get; }

    /// <summary>
    /// Gradient with respect to the initial states, <c>[S, B, NH, DH]</c>. Computed also when the forward pass used
    /// the cell's default initial values: it is then the gradient with respect to those broadcast values.
    /// </summary>
    public HostTensor<T> DInitialStates { get; }
}
