using System.Diagnostics;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Measure;

/// <summary>One tensor of a check: its relative error against the float64 reference and the bound it must meet.</summary>
internal sealed record TensorError(string Name, double Error, double Bound)
{
    /// <summary>Whether the error is within the bound (NaN never is).</summary>
    public bool Passed => Error <= Bound;
}

/// <summary>What a check found, and what the configuration's first GPU call cost.</summary>
internal sealed record CheckOutcome(int Steps, IReadOnlyList<TensorError> Tensors, double FirstCallMs,
    KernelSelectedEventArgs ForwardKernel, KernelSelectedEventArgs? BackwardKernel)
{
    public bool Passed => Tensors.All(t => t.Passed);

    /// <summary>The largest error (NaN when any is NaN).</summary>
    public double MaxError => Tensors.Any(t => double.IsNaN(t.Error)) ? double.NaN : Tensors.Max(t => t.Error);
}

/// <summary>
/// Runs a configuration on a short sequence (same batch, heads and head size, a few steps) with fresh random inputs
/// rounded to the dtype, and compares every output with the float64 CPU reference: the states and last states, and
/// for fwbw all four gradients. This is also the configuration's first GPU call, which compiles or loads its
/// kernels; its wall time is reported as the first-call time.
/// </summary>
internal static class CorrectnessCheck
{
    public static CheckOutcome Run<T>(BenchCase c, int steps, int seed, CudaStream stream) where T : unmanaged
    {
        var random = new Random(seed);
        using CaseInputs<T> inputs = CaseInputs<T>.ForCheck(c, steps, random);
        ReferenceInputs reference = inputs.Reference!;
        RnnForwardResult<double> expected = c.Cell.Forward(reference.Wx, reference.R, reference.Bias, reference.Initial);
        RnnGradients<double>? expectedGradients = c.Mode == BenchMode.ForwardBackward
            ? c.Cell.Backward(reference.Wx, reference.R, reference.Bias, reference.Initial, expected, reference.DStates, null)
            : null;

        stream.Synchronize();
        var clock = Stopwatch.StartNew();
        using GpuCall<T> call = GpuCall<T>.Run(c, inputs, GpuCall<T>.Options(c, stream));
        stream.Synchronize();
        double firstCallMs = clock.Elapsed.TotalMilliseconds;

        KernelKind forwardKind = call.Forward.Kernel.Kind;
        double forwardBound = ErrorBounds.Forward(c.DType, forwardKind);
        var errors = new List<TensorError>
        {
            Compare("states", call.Forward.States, expected.States, forwardBound),
            Compare("last", call.Forward.Last, expected.Last, forwardBound),
        };
        if (call.Gradients is { } gradients && expectedGradients is not null)
        {
            double bound = ErrorBounds.Gradient(c.DType, gradients.Kernel.Kind);
            errors.Add(Compare("dWx", gradients.DWx, expectedGradients.DWx, bound));
            errors.Add(Compare("dR", gradients.DR, expectedGradients.DR, bound));
            errors.Add(Compare("dBias", gradients.DBias, expectedGradients.DBias, bound));
            errors.Add(Compare("dInitialStates", gradients.DInitialStates, expectedGradients.DInitialStates, bound));
        }
        return new CheckOutcome(steps, errors, firstCallMs, call.Forward.Kernel, call.Gradients?.Kernel);
    }

    private static TensorError Compare<TStored>(string name, DeviceTensor<TStored> actual, HostTensor<double> expected, double bound)
        where TStored : unmanaged
        => new(name, ErrorBounds.RelativeError(StorageValues.ToDoubles(actual), expected.Span), bound);
}
