using StateTracking.Tasks;

namespace FlashRnn.Samples.Tests.StateTracking;

public class ModularCountingTaskTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void EveryLabelIsTheCountOfOnesSoFarModuloK(int modulus)
    {
        var task = new ModularCountingTask(modulus);
        SequenceBatch batch = task.Sample(new Random(4), batchSize: 6, length: 40);

        for (int b = 0; b < batch.BatchSize; b++)
        {
            int ones = 0;
            for (int t = 0; t < batch.Length; t++)
            {
                int symbol = batch.Symbols[batch.Index(b, t)];
                Assert.InRange(symbol, 0, 1);
                ones += symbol;
                Assert.Equal(ones % modulus, batch.Labels[batch.Index(b, t)]);
            }
        }
    }

    [Fact]
    public void TheSameSeedDrawsTheSameSequencesAndBothBitsOccur()
    {
        var task = new ModularCountingTask(2);
        SequenceBatch first = task.Sample(new Random(9), 4, 50), second = task.Sample(new Random(9), 4, 50);

        Assert.Equal(first.Symbols, second.Symbols);
        Assert.Equal(first.Labels, second.Labels);
        Assert.Contains(0, first.Symbols);
        Assert.Contains(1, first.Symbols);
    }

    [Fact]
    public void AModulusBelowTwoIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ModularCountingTask(1));
        Assert.Equal("modulus", error.ParamName);
    }
}
