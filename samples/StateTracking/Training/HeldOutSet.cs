using System.Numerics;
using StateTracking.Model;
using StateTracking.Tasks;

namespace StateTracking.Training;

/// <summary>
/// A fixed set of long sequences the model never trains on: the same number of sequences at each of a few lengths
/// spread over the test range, drawn once from their own random stream.
/// </summary>
internal sealed class HeldOutSet
{
    private readonly IReadOnlyList<SequenceBatch> _batches;

    private HeldOutSet(IReadOnlyList<SequenceBatch> batches) => _batches = batches;

    /// <summary>Draws the set.</summary>
    /// <param name="task">The task that labels the sequences.</param>
    /// <param name="lengths">The range the lengths are spread over.</param>
    /// <param name="lengthCount">How many different lengths.</param>
    /// <param name="sequencesPerLength">Sequences of each length.</param>
    /// <param name="random">The set's own random stream.</param>
    public static HeldOutSet Create(ModularCountingTask task, LengthRange lengths, int lengthCount,
        int sequencesPerLength, Random random)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new HeldOutSet([.. lengths.Spread(lengthCount).Select(length => task.Sample(random, sequencesPerLength, length))]);
    }

    /// <summary>Classifies every sequence and counts the correct predictions.</summary>
    /// <param name="model">The model to evaluate (not changed).</param>
    public HeldOutAccuracy Evaluate<T>(StateTrackingModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var perLength = new List<LengthAccuracy>();
        foreach (SequenceBatch batch in _batches)
        {
            int[] predicted = model.Classify(batch);
            int finalCorrect = 0, stepCorrect = 0;
            for (int b = 0; b < batch.BatchSize; b++)
            {
                for (int t = 0; t < batch.Length; t++)
                {
                    int n = batch.Index(b, t);
                    if (predicted[n] == batch.Labels[n]) stepCorrect++;
                }
                int last = batch.Index(b, batch.Length - 1);
                if (predicted[last] == batch.Labels[last]) finalCorrect++;
            }
            perLength.Add(new LengthAccuracy(batch.Length,
                (double)finalCorrect / batch.BatchSize, (double)stepCorrect / (batch.BatchSize * batch.Length)));
        }
        return new HeldOutAccuracy(perLength);
    }
}

/// <summary>Accuracy on the held-out sequences of one length.</summary>
/// <param name="Length">The sequences' length.</param>
/// <param name="FinalAccuracy">Fraction of sequences whose label after the last step (the parity of the whole
/// sequence) was predicted correctly.</param>
/// <param name="StepAccuracy">Fraction of all steps predicted correctly.</param>
internal sealed record LengthAccuracy(int Length, double FinalAccuracy, double StepAccuracy);

/// <summary>Accuracy on the whole held-out set.</summary>
/// <param name="PerLength">One entry per held-out length, shortest first.</param>
internal sealed record HeldOutAccuracy(IReadOnlyList<LengthAccuracy> PerLength)
{
    /// <summary>Fraction of sequences whose whole-sequence label was right (every length has as many sequences).</summary>
    public double FinalAccuracy => PerLength.Average(l => l.FinalAccuracy);

    /// <summary>Mean over lengths of the fraction of steps predicted correctly.</summary>
    public double StepAccuracy => PerLength.Average(l => l.StepAccuracy);
}
