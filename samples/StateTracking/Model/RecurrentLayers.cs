using System.Numerics;
using FlashRnn.Cuda;
using StateTracking.Training;

namespace StateTracking.Model;

/// <summary>Resolves <c>--device</c> and creates the recurrent layer there.</summary>
internal static class RecurrentLayers
{
    /// <summary>Resolves <paramref name="requested"/> against this machine's CUDA devices.</summary>
    /// <inheritdoc cref="SelectDevice(DeviceChoice, Precision, Func{string?})"/>
    public static DeviceSelection SelectDevice(DeviceChoice requested, Precision precision)
        => SelectDevice(requested, precision, () => CudaDevice.UnavailableReason);

    /// <summary>
    /// Resolves <paramref name="requested"/>: <c>auto</c> is the GPU when one can be used and the precision is
    /// float32 (the GPU kernels store float32, bfloat16 or float16, never float64), else the CPU.
    /// </summary>
    /// <param name="requested">What the user asked for.</param>
    /// <param name="precision">The model's element type.</param>
    /// <param name="gpuProblem">
    /// Why no CUDA device can be used, or null when one can; asked only when the answer matters, so <c>--device cpu</c>
    /// never touches the driver.
    /// </param>
    /// <exception cref="ArgumentException">
    /// <c>--device gpu</c> was asked for but there is no usable GPU, or with float64 (parameter name
    /// <see cref="TrainingOptions.Device"/>).
    /// </exception>
    public static DeviceSelection SelectDevice(DeviceChoice requested, Precision precision, Func<string?> gpuProblem)
    {
        ArgumentNullException.ThrowIfNull(gpuProblem);
        const string Option = nameof(TrainingOptions.Device);
        switch (requested)
        {
            case DeviceChoice.Cpu:
                return new(ComputeDevice.Cpu, "--device cpu");
            case DeviceChoice.Gpu:
                if (precision != Precision.Float32)
                    throw new ArgumentException($"{Option} gpu needs --precision float32: the GPU kernels do not store {precision}.", Option);
                if (gpuProblem() is string missing)
                    throw new ArgumentException($"{Option} gpu was asked for, but no CUDA GPU can be used ({missing.TrimEnd('.')}); use --device auto or --device cpu.", Option);
                return new(ComputeDevice.Gpu, "--device gpu");
            case DeviceChoice.Auto:
                if (precision != Precision.Float32)
                    return new(ComputeDevice.Cpu, $"--device auto with {precision}, which the GPU kernels do not store");
                return gpuProblem() is string absent
                    ? new(ComputeDevice.Cpu, $"--device auto and no CUDA GPU: {FirstSentence(absent)}")
                    : new(ComputeDevice.Gpu, "--device auto and a CUDA GPU is available");
            default:
                throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown device choice.");
        }
    }

    // The driver's reasons can run to several lines (every library path tried); auto mode only needs the gist.
    private static string FirstSentence(string text)
    {
        string line = text.Split('\n')[0].Trim();
        int end = line.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? line.TrimEnd('.', ':') : line[..end];
    }

    /// <summary>Creates the recurrent layer of the named cell on <paramref name="device"/>.</summary>
    /// <param name="cell">One of <see cref="RecurrentCells.Names"/>.</param>
    /// <param name="heads">Number of heads NH.</param>
    /// <param name="headSize">Units per head DH.</param>
    /// <param name="device">Where it runs, from <see cref="SelectDevice(DeviceChoice, Precision)"/>.</param>
    /// <param name="random">Source of the initial weights: the same draws on either device.</param>
    /// <exception cref="ArgumentException">The GPU was asked for with an element type other than float.</exception>
    public static IRecurrentLayer<T> Create<T>(string cell, int heads, int headSize, ComputeDevice device, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (device == ComputeDevice.Cpu) return RecurrentCells.Create<T>(cell, heads, headSize, random);
        if (typeof(T) != typeof(float))
            throw new ArgumentException($"The GPU layer stores float32; {typeof(T).Name} runs on the CPU only.", nameof(device));
        return (IRecurrentLayer<T>)(object)RecurrentCells.CreateGpu(cell, heads, headSize, random);
    }
}
