namespace StateTracking.Model;

/// <summary>The loss and accuracy of the model on the supervised steps of one batch.</summary>
/// <param name="Loss">Mean cross-entropy over the supervised steps.</param>
/// <param name="Correct">Supervised steps whose predicted class was the label.</param>
/// <param name="Count">Supervised steps.</param>
internal readonly record struct BatchOutcome(double Loss, int Correct, int Count)
{
    /// <summary>Fraction of supervised steps predicted correctly.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;
}
