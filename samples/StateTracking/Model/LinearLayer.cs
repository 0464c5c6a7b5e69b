using System.Numerics;
using FlashRnn;

namespace StateTracking.Model;

/// <summary>
/// A dense affine map <c>y = x W + b</c> over rows, with its hand-written backward. The model uses it twice: as the
/// input projection in front of the cell (its output is the cell's <c>Wx</c>) and as the classification head.
/// </summary>
/// <remarks>
/// Work is split so that every output element is summed by one worker in a fixed order: rows for the forward pass
/// and the input gradient, columns for the weight gradient. Results therefore do not depend on the core count.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class LinearLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with PyTorch's default initialisation, U(-1/√in, 1/√in) for W and b.</summary>
    /// <param name="name">Prefix of the parameter names.</param>
    /// <param name="inputSize">Columns of x.</param>
    /// <param name="outputSize">Columns of y.</param>
    /// <param name="random">Source of the initial weights.</param>
    public LinearLayer(string name, int inputSize, int outputSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        double scale = 1 / Math.Sqrt(inputSize);
        Weight = Parameter<T>.Uniform($"{name}.weight", scale, random, inputSize, outputSize);
        Bias = Parameter<T>.Uniform($"{name}.bias", scale, random, outputSize);
    }

    /// <summary>W, <c>[in, out]</c>.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b, <c>[out]</c>.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>Columns of x.</summary>
    public int InputSize => Weight.Value.Shape[0];

    /// <summary>Columns of y.</summary>
    public int OutputSize => Weight.Value.Shape[1];

    /// <summary>W and b.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [Weight, Bias];

    /// <summary>Computes <c>y = x W + b</c> for every row of <paramref name="inputs"/>.</summary>
    /// <param name="inputs">x, <c>[N, in]</c>.</param>
    /// <returns>y, <c>[N, out]</c>.</returns>
    public HostTensor<T> Forward(HostTensor<T> inputs)
    {
        int rows = CheckInputs(inputs);
        int inSize = InputSize, outSize = OutputSize;
        var outputs = new HostTensor<T>(rows, outSize);
        T[] x = inputs.Array, w = Weight.Value.Array, b = Bias.Value.Array, y = outputs.Array;
        Parallel.For(0, rows, n =>
        {
            Span<T> row = y.AsSpan(n * outSize, outSize);
            b.CopyTo(row);
            for (int i = 0; i < inSize; i++)
            {
                T xi = x[n * inSize + i];
                if (xi == T.Zero) continue; // one-hot inputs are mostly zero
                ReadOnlySpan<T> wRow = w.AsSpan(i * outSize, outSize);
                for (int j = 0; j < outSize; j++) row[j] += xi * wRow[j];
            }
        });
        return outputs;
    }

    /// <summary>
    /// Adds the gradients of W (<c>xᵀ dy</c>) and b (<c>Σ_rows dy</c>) to the parameters, and returns the gradient
    /// with respect to x (<c>dy Wᵀ</c>) when asked.
    /// </summary>
    /// <param name="inputs">x of the forward pass, <c>[N, in]</c>.</param>
    /// <param name="dOutputs">dy, <c>[N, out]</c>.</param>
    /// <param name="needInputGradient">False when x is data (the input projection), which saves the product.</param>
    /// <returns>dx, <c>[N, in]</c>, or null when not asked for.</returns>
    public HostTensor<T>? Backward(HostTensor<T> inputs, HostTensor<T> dOutputs, bool needInputGradient)
    {
        int rows = CheckInputs(inputs);
        ArgumentNullException.ThrowIfNull(dOutputs);
        if (dOutputs.Shape != new TensorShape(rows, OutputSize))
            throw new ArgumentException($"dOutputs has shape {dOutputs.Shape}, expected [{rows}, {OutputSize}].", nameof(dOutputs));
        int inSize = InputSize, outSize = OutputSize;
        T[] x = inputs.Array, dy = dOutputs.Array, w = Weight.Value.Array;
        T[] dw = Weight.Gradient.Array, db = Bias.Gradient.Array;

        Parallel.For(0, outSize, j =>
        {
            T biasSum = T.Zero;
            for (int n = 0; n < rows; n++) biasSum += dy[n * outSize + j];
            db[j] += biasSum;
            for (int i = 0; i < inSize; i++)
            {
                T sum = T.Zero;
                for (int n = 0; n < rows; n++) sum += x[n * inSize + i] * dy[n * outSize + j];
                dw[i * outSize + j] += sum;
            }
        });
        if (!needInputGradient) return null;

        var dInputs = new HostTensor<T>(rows, inSize);
        T[] dx = dInputs.Array;
        Parallel.For(0, rows, n =>
        {
            ReadOnlySpan<T> dyRow = dy.AsSpan(n * outSize, outSize);
            for (int i = 0; i < inSize; i++)
            {
                ReadOnlySpan<T> wRow = w.AsSpan(i * outSize, outSize);
                T sum = T.Zero;
                for (int j = 0; j < outSize; j++) sum += dyRow[j] * wRow[j];
                dx[n * inSize + i] = sum;
            }
        });
        return dInputs;
    }

    private int CheckInputs(HostTensor<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Shape.Rank != 2 || inputs.Shape[1] != InputSize)
            throw new ArgumentException($"inputs has shape {inputs.Shape}, expected [N, {InputSize}].", nameof(inputs));
        return inputs.Shape[0];
    }
}
