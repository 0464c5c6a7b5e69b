using FlashRnn.Cuda;
using StateTracking.Training;

namespace FlashRnn.Samples.Tests.StateTracking;

/// <summary>The GPU recurrent layer trains like the CPU one: same seed, same losses (needs a CUDA GPU).</summary>
public class GpuTrainingTests
{
    // float32 on the GPU is 3xTF32 with float32 accumulation, so the two engines differ only by summation order; over
    // a few Adam steps that stays far below this bound, while a wrong gradient or state moves the loss by much more.
    private const double RelativeTolerance = 1e-3;

    [Theory]
    [InlineData("lstm")]
    [InlineData("slstm")]
    [InlineData("gru")]
    [InlineData("elman")]
    public void AFewStepsOnTheGpuGiveTheLossesOfTheCpu(string cell)
    {
        Assert.SkipUnless(CudaDevice.IsAvailable, $"No CUDA GPU can be used: {CudaDevice.UnavailableReason}");
        TrainingOptions options = TrainingTests.Short with { Cell = cell, Steps = 5 };

        TrainingRun cpu = Trainer.Run(options with { Device = DeviceChoice.Cpu }, cancellationToken: TestContext.Current.CancellationToken);
        TrainingRun gpu = Trainer.Run(options with { Device = DeviceChoice.Gpu }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith("GPU ", gpu.Engine);
        for (int i = 0; i < options.Steps; i++)
        {
            double expected = cpu.Steps[i].Loss, actual = gpu.Steps[i].Loss;
            Assert.True(Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected),
                $"{cell}, step {i + 1}: the GPU's loss is {actual:R}, the CPU's {expected:R} (more than {RelativeTolerance:P1} apart).");
        }
        // Training moved the weights (the losses are not all the initial one), so the steps above compared updates too.
        Assert.NotEqual(cpu.Steps[0].Loss, cpu.Steps[^1].Loss);
    }
}
