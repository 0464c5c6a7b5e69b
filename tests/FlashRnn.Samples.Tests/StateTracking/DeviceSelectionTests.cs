using FlashRnn.Cuda;
using Spectre.Console.Cli;
using StateTracking.Cli;
using StateTracking.Model;
using StateTracking.Training;

namespace FlashRnn.Samples.Tests.StateTracking;

/// <summary><c>--device</c>: how auto, cpu and gpu resolve, and the layer the factory makes on this machine.</summary>
public class DeviceSelectionTests
{
    private const string NoDriver = "CUDA driver could not be loaded. Tried, in order:\n  libcuda.so.1 (not found)";

    [Fact]
    public void AutoPicksTheGpuOnlyWhenOneCanBeUsedAndThePrecisionIsFloat32()
    {
        Assert.Equal(ComputeDevice.Gpu, RecurrentLayers.SelectDevice(DeviceChoice.Auto, Precision.Float32, () => null).Device);

        DeviceSelection noGpu = RecurrentLayers.SelectDevice(DeviceChoice.Auto, Precision.Float32, () => NoDriver);
        Assert.Equal(ComputeDevice.Cpu, noGpu.Device);
        Assert.Equal("--device auto and no CUDA GPU: CUDA driver could not be loaded", noGpu.Reason);

        DeviceSelection float64 = RecurrentLayers.SelectDevice(DeviceChoice.Auto, Precision.Float64, () => null);
        Assert.Equal(ComputeDevice.Cpu, float64.Device);
        Assert.Contains("Float64", float64.Reason);
    }

    [Fact]
    public void CpuNeverAsksTheDriverAndGpuFailsClearlyWithoutOne()
    {
        DeviceSelection cpu = RecurrentLayers.SelectDevice(DeviceChoice.Cpu, Precision.Float32,
            () => throw new InvalidOperationException("--device cpu must not probe the GPU"));
        Assert.Equal(ComputeDevice.Cpu, cpu.Device);

        Assert.Equal(ComputeDevice.Gpu, RecurrentLayers.SelectDevice(DeviceChoice.Gpu, Precision.Float32, () => null).Device);
        var error = Assert.Throws<ArgumentException>(() => RecurrentLayers.SelectDevice(DeviceChoice.Gpu, Precision.Float32, () => NoDriver));
        Assert.Equal(nameof(TrainingOptions.Device), error.ParamName);
        Assert.Contains("no CUDA GPU can be used (CUDA driver could not be loaded", error.Message);
        Assert.Contains("use --device auto or --device cpu", error.Message);
    }

    [Fact]
    public void TheFactoryPicksTheLayerOfTheDeviceThisMachineHas()
    {
        ComputeDevice device = RecurrentLayers.SelectDevice(DeviceChoice.Auto, Precision.Float32).Device;
        IRecurrentLayer<float> layer = RecurrentLayers.Create<float>("lstm", heads: 1, headSize: 4, device, new Random(1));

        if (CudaDevice.IsAvailable)
        {
            Assert.Equal(ComputeDevice.Gpu, device);
            Assert.IsType<GpuRecurrentLayer>(layer);
        }
        else
        {
            Assert.Equal(ComputeDevice.Cpu, device);
            Assert.IsType<CpuRecurrentLayer<FlashRnn.Cells.Lstm.Pointwise, float>>(layer);
            Assert.StartsWith("CPU reference", layer.Engine);
        }
    }

    [Fact]
    public void TheGpuLayerRefusesFloat64()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RecurrentLayers.Create<double>("gru", heads: 1, headSize: 4, ComputeDevice.Gpu, new Random(1)));
        Assert.Contains("Double runs on the CPU only", error.Message);
    }

    [Fact]
    public void DeviceGpuWithoutAGpuFailsOnTheCommandLineAndInTheTrainer()
    {
        Assert.SkipWhen(CudaDevice.IsAvailable, "This machine has a usable CUDA GPU, so --device gpu is valid here.");

        var app = new CommandApp<TrainCommand>();
        app.Configure(config => config.PropagateExceptions());
        var error = Assert.ThrowsAny<CommandRuntimeException>(() =>
            app.Run(["--device", "gpu", "--steps", "1"], TestContext.Current.CancellationToken));
        Assert.Contains("Device gpu was asked for, but no CUDA GPU can be used", error.Message);

        var trainerError = Assert.Throws<ArgumentException>(() =>
            Trainer.Run(TrainingTests.Short with { Device = DeviceChoice.Gpu }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(nameof(TrainingOptions.Device), trainerError.ParamName);
    }
}
