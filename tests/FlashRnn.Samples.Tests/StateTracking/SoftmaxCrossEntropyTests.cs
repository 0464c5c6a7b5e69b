using StateTracking.Model;

namespace FlashRnn.Samples.Tests.StateTracking;

public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void EqualLogitsCostLogKAndTheGradientPullsTowardsTheLabel()
    {
        var logits = new HostTensor<double>(2, 4); // two rows of zeros

        var result = SoftmaxCrossEntropy.Compute(logits, [1, 3]);

        Assert.Equal(Math.Log(4), result.Loss, 12);
        // Mean over 2 rows: (1/4 - [k == label]) / 2.
        Assert.Equal([0.125, -0.375, 0.125, 0.125, 0.125, 0.125, 0.125, -0.375], result.DLogits.Array);
    }

    [Fact]
    public void CountsRowsWhoseLargestLogitIsTheLabelAndStaysFiniteForHugeLogits()
    {
        var logits = new HostTensor<float>([1000f, 0f, -5f, 2f, 0f, 3000f], 3, 2);

        var result = SoftmaxCrossEntropy.Compute(logits, [0, 0, 0]);

        Assert.Equal(1, result.Correct); // only row 0 has its largest logit at 0
        Assert.Equal(3, result.Count);
        // Row 0 costs almost nothing, row 1 costs 7 + log(1 + e^-7), row 2 costs 3000.
        Assert.Equal((7 + Math.Log(1 + Math.Exp(-7)) + 3000) / 3, result.Loss, 6);
        Assert.All(result.DLogits.Array, g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void ALabelOutsideTheClassesIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute(new HostTensor<double>(1, 2), [2]));
        Assert.Contains("Label 2", error.Message);
    }
}
