using System.Numerics;
using FlashRnn;

namespace StateTracking.Model;

/// <summary>
/// The recurrent layer of the model: a cell with head-wise recurrent weights R and biases b, run over whole
/// sequences. The model only talks to this interface, so a layer that runs the generated GPU kernels can replace
/// the CPU one (<see cref="CpuRecurrentLayer{TCell, T}"/>) without touching the rest of the training code.
/// </summary>
/// <remarks>
/// Tensors cross the interface in host memory because the projection, head and optimizer of this sample run on the
/// CPU. A GPU layer would copy <c>Wx</c> in and the output state out (a few kilobytes per batch here); moving the
/// projection and head to the GPU too is the step after (see the README's open decision on matrix products).
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal interface IRecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The cell (its gates and states).</summary>
    CellInfo Cell { get; }

    /// <summary>What runs the cell, in words, for the console and <c>run.json</c>.</summary>
    string Engine { get; }

    /// <summary>Number of heads NH.</summary>
    int Heads { get; }

    /// <summary>Units per head DH.</summary>
    int HeadSize { get; }

    /// <summary>Index of the state the layer returns as its output (on the cell's S axis).</summary>
    int OutputState { get; }

    /// <summary>R <c>[G, NH, DH, DH]</c> and b <c>[G, NH, DH]</c>.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Runs the cell over the batch from the cell's default initial states.</summary>
    /// <param name="wx">Gate inputs <c>[B, T, G, NH, DH]</c>.</param>
    /// <returns>
    /// The pass, holding the output state at every step and what the backward pass needs; dispose it after the
    /// backward pass (or at once when there is none), since a GPU pass holds device memory.
    /// </returns>
    IRecurrentPass<T> Forward(HostTensor<T> wx);

    /// <summary>
    /// Back-propagates the gradient of the output state through the pass: adds the gradients of R and b to
    /// <see cref="Parameters"/> and returns the gradient of the gate inputs.
    /// </summary>
    /// <param name="pass">A pass this layer returned.</param>
    /// <param name="dOutputs">Gradient of the loss with respect to <see cref="IRecurrentPass{T}.Outputs"/>.</param>
    /// <returns>dWx, <c>[B, T, G, NH, DH]</c>.</returns>
    HostTensor<T> Backward(IRecurrentPass<T> pass, HostTensor<T> dOutputs);
}

/// <summary>One forward pass of an <see cref="IRecurrentLayer{T}"/>; disposing it frees what it holds on a device.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IRecurrentPass<T> : IDisposable where T : unmanaged
{
    /// <summary>The output state after every step, <c>[B, T, NH, DH]</c>.</summary>
    HostTensor<T> Outputs { get; }
}
