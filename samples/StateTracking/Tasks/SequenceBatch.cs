namespace StateTracking.Tasks;

/// <summary>
/// A batch of equally long symbol sequences with a label at every step. The CPU engine runs one sequence length per
/// call, so a batch never mixes lengths; the trainer draws a new length for every batch instead.
/// </summary>
/// <param name="BatchSize">Number of sequences B.</param>
/// <param name="Length">Number of steps T of every sequence.</param>
/// <param name="Symbols">The input symbols, <c>[B, T]</c> row-major.</param>
/// <param name="Labels">The class to predict after each step, <c>[B, T]</c> row-major.</param>
internal sealed record SequenceBatch(int BatchSize, int Length, int[] Symbols, int[] Labels)
{
    /// <summary>Flat index of step <paramref name="t"/> of sequence <paramref name="b"/>.</summary>
    public int Index(int b, int t) => b * Length + t;
}
