namespace StateTracking.Tasks;

/// <summary>
/// Counting modulo k over random bit sequences: after step t the label is the number of ones among x_0..x_t,
/// modulo k. With k = 2 this is parity, the classic state-tracking task that transformers fail to length-generalise
/// on and that a recurrent network solves exactly with a small finite-state circuit.
/// </summary>
internal sealed class ModularCountingTask
{
    /// <summary>Creates the task.</summary>
    /// <param name="modulus">k, the number of classes; 2 for parity.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="modulus"/> is below 2.</exception>
    public ModularCountingTask(int modulus)
    {
        if (modulus < 2)
            throw new ArgumentOutOfRangeException(nameof(modulus), modulus, "The modulus must be at least 2 (2 is parity).");
        Modulus = modulus;
    }

    /// <summary>k, which is also the number of classes the model predicts.</summary>
    public int Modulus { get; }

    /// <summary>The input alphabet: the bits 0 and 1.</summary>
    public int SymbolCount => 2;

    /// <summary>A short name for reports, such as <c>parity</c> or <c>count mod 3</c>.</summary>
    public string Name => Modulus == 2 ? "parity" : $"count mod {Modulus}";

    /// <summary>Draws <paramref name="batchSize"/> sequences of <paramref name="length"/> uniformly random bits.</summary>
    /// <param name="random">The source of the bits (the only state the result depends on).</param>
    /// <param name="batchSize">Number of sequences.</param>
    /// <param name="length">Steps per sequence.</param>
    public SequenceBatch Sample(Random random, int batchSize, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var symbols = new int[batchSize * length];
        var labels = new int[batchSize * length];
        for (int b = 0; b < batchSize; b++)
        {
            int count = 0;
            for (int t = 0; t < length; t++)
            {
                int bit = random.Next(2);
                count = (count + bit) % Modulus;
                symbols[b * length + t] = bit;
                labels[b * length + t] = count;
            }
        }
        return new SequenceBatch(batchSize, length, symbols, labels);
    }
}
