using System.Numerics;
using FlashRnn;
using StateTracking.Tasks;

namespace StateTracking.Model;

/// <summary>
/// The whole network: one-hot symbols → input projection (its output is the cell's <c>Wx</c>) → recurrent layer →
/// linear head on the layer's output state → softmax over the k classes.
/// </summary>
/// <remarks>
/// Gradients: the head and the projection are differentiated by hand in <see cref="LinearLayer{T}"/>; the cell's
/// gradients come from its derived backward pass, which receives the head's gradient on the output state at the
/// supervised steps.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class StateTrackingModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the model around <paramref name="recurrent"/>.</summary>
    /// <param name="symbolCount">Size of the input alphabet.</param>
    /// <param name="classCount">Number of classes the head predicts.</param>
    /// <param name="recurrent">The recurrent layer.</param>
    /// <param name="random">Source of the projection's and head's initial weights.</param>
    public StateTrackingModel(int symbolCount, int classCount, IRecurrentLayer<T> recurrent, Random random)
    {
        ArgumentNullException.ThrowIfNull(recurrent);
        Recurrent = recurrent;
        Projection = new LinearLayer<T>("input", symbolCount, GateInputWidth, random);
        Head = new LinearLayer<T>("head", OutputWidth, classCount, random);
        Parameters = [.. Projection.Parameters, .. Recurrent.Parameters, .. Head.Parameters];
    }

    /// <summary>The input projection: symbols (one-hot) to the gate inputs <c>Wx</c>.</summary>
    public LinearLayer<T> Projection { get; }

    /// <summary>The recurrent layer.</summary>
    public IRecurrentLayer<T> Recurrent { get; }

    /// <summary>The classification head on the output state.</summary>
    public LinearLayer<T> Head { get; }

    /// <summary>Every trainable parameter: projection, cell, head.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Number of trainable numbers.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Length);

    // G·NH·DH gate inputs per step, in Wx's [G, NH, DH] order, so a projected row is one step of Wx as it is.
    private int GateInputWidth => Recurrent.Cell.GateCount * OutputWidth;

    private int OutputWidth => Recurrent.Heads * Recurrent.HeadSize;

    /// <summary>
    /// Forward and backward over one batch: sets every parameter's gradient to that of the mean loss over the
    /// supervised steps.
    /// </summary>
    /// <param name="batch">The sequences and their labels.</param>
    /// <param name="supervision">Which steps the loss reads.</param>
    /// <returns>The batch's loss and accuracy (on the supervised steps).</returns>
    public BatchOutcome ComputeGradients(SequenceBatch batch, Supervision supervision)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (Parameter<T> parameter in Parameters) parameter.ZeroGradient();

        HostTensor<T> inputs = OneHot(batch);
        HostTensor<T> wx = ProjectToGateInputs(batch, inputs);
        using IRecurrentPass<T> pass = Recurrent.Forward(wx);

        int[] rows = SupervisedRows(batch, supervision);
        HostTensor<T> features = GatherRows(pass.Outputs, rows);
        HostTensor<T> logits = Head.Forward(features);
        int[] labels = Array.ConvertAll(rows, row => batch.Labels[row]);
        var loss = SoftmaxCrossEntropy.Compute(logits, labels);

        HostTensor<T> dFeatures = Head.Backward(features, loss.DLogits, needInputGradient: true)!;
        HostTensor<T> dOutputs = ScatterRows(dFeatures, rows, pass.Outputs.Shape);
        HostTensor<T> dWx = Recurrent.Backward(pass, dOutputs);
        Projection.Backward(inputs, new HostTensor<T>(dWx.Array, inputs.Shape[0], GateInputWidth), needInputGradient: false);
        return new BatchOutcome(loss.Loss, loss.Correct, loss.Count);
    }

    /// <summary>The predicted class after every step of every sequence, <c>[B, T]</c> row-major.</summary>
    public int[] Classify(SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        HostTensor<T> wx = ProjectToGateInputs(batch, OneHot(batch));
        using IRecurrentPass<T> pass = Recurrent.Forward(wx);
        HostTensor<T> outputs = pass.Outputs;
        var features = new HostTensor<T>(outputs.Array, batch.BatchSize * batch.Length, OutputWidth);
        return SoftmaxCrossEntropy.Predict(Head.Forward(features));
    }

    private HostTensor<T> ProjectToGateInputs(SequenceBatch batch, HostTensor<T> inputs)
    {
        HostTensor<T> projected = Projection.Forward(inputs);
        return new HostTensor<T>(projected.Array, batch.BatchSize, batch.Length, Recurrent.Cell.GateCount,
            Recurrent.Heads, Recurrent.HeadSize);
    }

    private HostTensor<T> OneHot(SequenceBatch batch)
    {
        var inputs = new HostTensor<T>(batch.Symbols.Length, Projection.InputSize);
        for (int n = 0; n < batch.Symbols.Length; n++)
        {
            int symbol = batch.Symbols[n];
            if ((uint)symbol >= (uint)Projection.InputSize)
                throw new ArgumentException($"Symbol {symbol} at position {n} is outside the alphabet [0, {Projection.InputSize}).", nameof(batch));
            inputs.Array[n * Projection.InputSize + symbol] = T.One;
        }
        return inputs;
    }

    private static int[] SupervisedRows(SequenceBatch batch, Supervision supervision) => supervision switch
    {
        Supervision.Final => [.. Enumerable.Range(0, batch.BatchSize).Select(b => batch.Index(b, batch.Length - 1))],
        Supervision.EveryStep => [.. Enumerable.Range(0, batch.BatchSize * batch.Length)],
        _ => throw new ArgumentOutOfRangeException(nameof(supervision), supervision, "Unknown supervision."),
    };

    // Outputs [B, T, NH, DH] are rows of width NH·DH indexed by b·T + t, the same flat index as the labels.
    private HostTensor<T> GatherRows(HostTensor<T> outputs, int[] rows)
    {
        int width = OutputWidth;
        var gathered = new HostTensor<T>(rows.Length, width);
        for (int n = 0; n < rows.Length; n++)
            outputs.Span.Slice(rows[n] * width, width).CopyTo(gathered.Span.Slice(n * width, width));
        return gathered;
    }

    private HostTensor<T> ScatterRows(HostTensor<T> gathered, int[] rows, TensorShape outputShape)
    {
        int width = OutputWidth;
        var scattered = new HostTensor<T>(outputShape);
        for (int n = 0; n < rows.Length; n++)
            gathered.Span.Slice(n * width, width).CopyTo(scattered.Span.Slice(rows[n] * width, width));
        return scattered;
    }
}
