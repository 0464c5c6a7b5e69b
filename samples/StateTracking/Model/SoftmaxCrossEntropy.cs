using System.Numerics;
using FlashRnn;

namespace StateTracking.Model;

/// <summary>The mean softmax cross-entropy of logits against class labels, its gradient, and the accuracy.</summary>
internal static class SoftmaxCrossEntropy
{
    /// <summary>The loss over N rows and what the backward pass needs.</summary>
    /// <param name="Loss">Mean over rows of <c>-log softmax(logits)[label]</c>.</param>
    /// <param name="Correct">Rows whose largest logit is at the label.</param>
    /// <param name="Count">Rows N.</param>
    /// <param name="DLogits">Gradient of <paramref name="Loss"/> with respect to the logits, <c>[N, K]</c>.</param>
    /// <typeparam name="T">The element type.</typeparam>
    internal readonly record struct Result<T>(double Loss, int Correct, int Count, HostTensor<T> DLogits)
        where T : unmanaged;

    /// <summary>Computes the loss, the accuracy and the gradient <c>(softmax − onehot) / N</c> of the mean loss.</summary>
    /// <param name="logits"><c>[N, K]</c>.</param>
    /// <param name="labels">N labels in [0, K).</param>
    /// <exception cref="ArgumentException">The sizes do not fit or a label is out of range.</exception>
    public static Result<T> Compute<T>(HostTensor<T> logits, ReadOnlySpan<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Shape.Rank != 2 || logits.Shape[0] != labels.Length)
            throw new ArgumentException($"logits has shape {logits.Shape}, expected [{labels.Length}, K] (one row per label).", nameof(logits));
        int rows = labels.Length, classes = logits.Shape[1];
        var dLogits = new HostTensor<T>(rows, classes);
        double lossSum = 0;
        int correct = 0;
        Span<double> probabilities = stackalloc double[classes];
        for (int n = 0; n < rows; n++)
        {
            int label = labels[n];
            if ((uint)label >= (uint)classes)
                throw new ArgumentException($"Label {label} at row {n} is outside [0, {classes}).", nameof(labels));
            ReadOnlySpan<T> row = logits.Span.Slice(n * classes, classes);
            // Log-sum-exp around the largest logit, in double, so large logits neither overflow nor lose the loss.
            int best = 0;
            for (int k = 1; k < classes; k++) if (row[k] > row[best]) best = k;
            double max = double.CreateTruncating(row[best]), sum = 0;
            for (int k = 0; k < classes; k++) sum += probabilities[k] = Math.Exp(double.CreateTruncating(row[k]) - max);
            lossSum += Math.Log(sum) - (double.CreateTruncating(row[label]) - max);
            if (best == label) correct++;
            Span<T> dRow = dLogits.Span.Slice(n * classes, classes);
            for (int k = 0; k < classes; k++)
                dRow[k] = T.CreateTruncating((probabilities[k] / sum - (k == label ? 1 : 0)) / rows);
        }
        return new Result<T>(lossSum / rows, correct, rows, dLogits);
    }

    /// <summary>The index of the largest logit of each row.</summary>
    public static int[] Predict<T>(HostTensor<T> logits) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        int rows = logits.Shape[0], classes = logits.Shape[1];
        var predictions = new int[rows];
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = logits.Span.Slice(n * classes, classes);
            int best = 0;
            for (int k = 1; k < classes; k++) if (row[k] > row[best]) best = k;
            predictions[n] = best;
        }
        return predictions;
    }
}
