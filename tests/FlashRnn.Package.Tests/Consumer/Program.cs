// A console program that uses the FlashRnn.Gen package: a cell of its own (Cells.cs) and the built-in LSTM, each run
// forward and backward on the CPU reference, with the derived gradients checked against central differences.
// tests/FlashRnn.Package.Tests writes it into a temporary folder, builds it against the packed package and reads
// one line per cell from its output, and the line that lists the kernel plans made at build time for the GPU
// profiles the project selects (FlashRnnTargetGpus).
using FlashRnn;
using FlashRnn.Cells;
using PackageConsumer;

int failures = 0;
failures += CheckGradients(MinimalGatedUnit.Info, MinimalGatedUnit.Forward, MinimalGatedUnit.Backward);
failures += CheckGradients(Lstm.Info, Lstm.Forward, Lstm.Backward);
Console.WriteLine("MinimalGatedUnit plans made at build time: " + string.Join(", ",
    MinimalGatedUnit.Cuda.Plans.Select(plan => $"{plan.ProfileId} {plan.Request.Direction} {plan.Kind}")));
return failures;

static int CheckGradients(
    CellInfo info,
    Func<HostTensor<double>, HostTensor<double>, HostTensor<double>, HostTensor<double>?, RnnForwardResult<double>> forward,
    Func<HostTensor<double>, HostTensor<double>, HostTensor<double>, HostTensor<double>?, RnnForwardResult<double>,
        HostTensor<double>?, HostTensor<double>?, RnnGradients<double>> backward)
{
    const int Batch = 2, Steps = 6, Heads = 2, HeadSize = 4;
    const double Tolerance = 1e-6;
    var random = new Random(20241210);

    HostTensor<double> RandomTensor(double scale, params int[] shape)
    {
        var tensor = new HostTensor<double>(shape);
        foreach (ref double value in tensor.Span) value = scale * (2 * random.NextDouble() - 1);
        return tensor;
    }

    var wx = RandomTensor(1, Batch, Steps, info.GateCount, Heads, HeadSize);
    var r = RandomTensor(0.4, info.GateCount, Heads, HeadSize, HeadSize);
    var bias = RandomTensor(0.1, info.GateCount, Heads, HeadSize);
    // The loss is a fixed random weighting of every state at every step, so dLoss/dStates is that weighting.
    var lossWeights = RandomTensor(1, info.StateCount, Batch, Steps, Heads, HeadSize);

    double Loss(HostTensor<double> wxAt, HostTensor<double> rAt)
    {
        var states = forward(wxAt, rAt, bias, null).States.Span;
        double sum = 0;
        for (int i = 0; i < states.Length; i++) sum += lossWeights.Span[i] * states[i];
        return sum;
    }

    var result = forward(wx, r, bias, null);
    var gradients = backward(wx, r, bias, null, result, lossWeights, null);

    // The derivative along a random direction, by central differences, against the derived gradient's projection.
    double RelativeError(HostTensor<double> point, HostTensor<double> gradient, Func<HostTensor<double>, double> loss)
    {
        var direction = RandomTensor(1, point.Shape.Dims.ToArray());
        HostTensor<double> Shifted(double by)
        {
            var shifted = point.Clone();
            for (int i = 0; i < shifted.Length; i++) shifted.Span[i] += by * direction.Span[i];
            return shifted;
        }

        const double Epsilon = 1e-6;
        double numeric = (loss(Shifted(Epsilon)) - loss(Shifted(-Epsilon))) / (2 * Epsilon);
        double derived = 0;
        for (int i = 0; i < direction.Length; i++) derived += gradient.Span[i] * direction.Span[i];
        return Math.Abs(numeric - derived) / Math.Max(Math.Abs(numeric), 1e-12);
    }

    double wxError = RelativeError(wx, gradients.DWx, point => Loss(point, r));
    double rError = RelativeError(r, gradients.DR, point => Loss(wx, point));
    bool passed = wxError < Tolerance && rError < Tolerance;
    Console.WriteLine($"{info.Name} gates [{string.Join(" ", info.Gates)}] states [{string.Join(" ", info.States)}]: " +
                      $"forward {result.States.Shape}, backward dWx error {wxError:E1}, dR error {rError:E1}: " +
                      $"gradient check {(passed ? "passed" : "FAILED")}");
    return passed ? 0 : 1;
}
