using StateTracking.Model;
using StateTracking.Training;

namespace FlashRnn.Samples.Tests.StateTracking;

public class OptimizerTests
{
    [Fact]
    public void AdamsFirstStepMovesEveryWeightByTheLearningRateAgainstItsGradient()
    {
        // After one step the bias-corrected moments are g and g², so the update is lr · g / |g| for any g ≠ 0.
        var parameter = new Parameter<double>("w", new HostTensor<double>([1.0, -2.0, 0.5], 3));
        new HostTensor<double>([4.0, -0.001, 300.0], 3).Span.CopyTo(parameter.Gradient.Span);
        var adam = new AdamOptimizer<double>([parameter]);

        adam.Step(0.1);

        Assert.Equal(0.9, parameter.Value.Span[0], 6);
        Assert.Equal(-1.9, parameter.Value.Span[1], 4); // |g| near epsilon shortens the step slightly
        Assert.Equal(0.4, parameter.Value.Span[2], 6);
    }

    [Fact]
    public void AdamFindsTheMinimumOfAQuadratic()
    {
        double[] target = [3.0, -1.5, 0.25];
        var parameter = Parameter<float>.Zeros("w", 3);
        var adam = new AdamOptimizer<float>([parameter]);
        for (int step = 0; step < 2000; step++)
        {
            for (int i = 0; i < 3; i++) parameter.Gradient.Span[i] = 2 * (parameter.Value.Span[i] - (float)target[i]);
            adam.Step(0.05);
        }
        for (int i = 0; i < 3; i++) Assert.Equal(target[i], parameter.Value.Span[i], 2);
    }

    [Fact]
    public void ClippingScalesALongGradientToTheLimitAndKeepsItsDirection()
    {
        var a = new Parameter<double>("a", new HostTensor<double>(2));
        var b = new Parameter<double>("b", new HostTensor<double>(1));
        a.Gradient.Span[0] = 3;
        a.Gradient.Span[1] = 0;
        b.Gradient.Span[0] = 4; // global norm 5

        double norm = GradientClipping.ClipGlobalNorm([a, b], maxNorm: 1);

        Assert.Equal(5, norm, 12);
        Assert.Equal(0.6, a.Gradient.Span[0], 12);
        Assert.Equal(0.0, a.Gradient.Span[1], 12);
        Assert.Equal(0.8, b.Gradient.Span[0], 12);
    }

    [Fact]
    public void ClippingLeavesAShortGradientAlone()
    {
        var a = new Parameter<double>("a", new HostTensor<double>(2));
        a.Gradient.Span[0] = 0.3;
        a.Gradient.Span[1] = -0.4;

        Assert.Equal(0.5, GradientClipping.ClipGlobalNorm([a], maxNorm: 1), 12);
        Assert.Equal([0.3, -0.4], a.Gradient.Array);
    }

    [Fact]
    public void TheScheduleWarmsUpPeaksAndDecaysToATenth()
    {
        const int Total = 1000;
        const double Peak = 0.01;
        Assert.Equal(Peak / 100, LearningRateSchedule.At(1, Total, Peak), 12);
        Assert.Equal(Peak, LearningRateSchedule.At(100, Total, Peak), 12);
        Assert.Equal(Peak / 10, LearningRateSchedule.At(Total, Total, Peak), 12);
        double[] rates = [.. Enumerable.Range(100, Total - 99).Select(s => LearningRateSchedule.At(s, Total, Peak))];
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second <= pair.First));
    }
}
