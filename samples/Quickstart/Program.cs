// Quickstart: run the built-in LSTM forward and backward on random data, print the shapes and the time, and check
// one derived gradient against a finite difference.
//
//   dotnet run --project samples/Quickstart -c Release
using System.Diagnostics;
using FlashRnn;
using FlashRnn.Cells;

const int Batch = 16, Steps = 64, Heads = 12, HeadSize = 64;
int gates = Lstm.Info.GateCount, states = Lstm.Info.StateCount;
var random = new Random(2024);

HostTensor<double> RandomTensor(double scale, params int[] shape)
{
    var t = new HostTensor<double>(shape);
    foreach (ref double v in t.Span) v = scale * (2 * random.NextDouble() - 1);
    return t;
}

// Wx is the input projection the caller already computed; R holds one HeadSize x HeadSize block per gate and head.
var wx = RandomTensor(1.0, Batch, Steps, gates, Heads, HeadSize);
var r = RandomTensor(1.0 / Math.Sqrt(HeadSize), gates, Heads, HeadSize, HeadSize);
var bias = RandomTensor(0.1, gates, Heads, HeadSize);

Console.WriteLine($"FlashRnn.Gen quickstart: LSTM, {Heads} heads x {HeadSize}, batch {Batch}, {Steps} steps");
Console.WriteLine($"device: CPU reference ({Environment.ProcessorCount} cores, float64)");

var watch = Stopwatch.StartNew();
RnnForwardResult<double> forward = Lstm.Forward(wx, r, bias);
double forwardMs = watch.Elapsed.TotalMilliseconds;

// A loss L = sum(w * h) over every step: its gradient with respect to the states is w on h, zero on c.
var dStates = new HostTensor<double>(forward.States.Shape);
var weights = RandomTensor(1.0, Batch, Steps, Heads, HeadSize);
weights.Span.CopyTo(dStates.Span.Slice(Lstm.States.h * weights.Length, weights.Length));

watch.Restart();
RnnGradients<double> gradients = Lstm.Backward(wx, r, bias, null, forward, dStates, null);
double backwardMs = watch.Elapsed.TotalMilliseconds;

Console.WriteLine($"  Wx     {wx.Shape}   R {r.Shape}   b {bias.Shape}");
Console.WriteLine($"  states {forward.States.Shape} (S = {states}: h, c)   last {forward.Last.Shape}");
Console.WriteLine($"  dWx    {gradients.DWx.Shape}   dR {gradients.DR.Shape}   db {gradients.DBias.Shape}   dh0,dc0 {gradients.DInitialStates.Shape}");
Console.WriteLine($"  forward {forwardMs:F1} ms, backward {backwardMs:F1} ms");

// Gradient check: the derivative of L along a random direction of R, by central differences, against <dR, dir>.
double Loss(HostTensor<double> rr)
{
    HostTensor<double> s = Lstm.Forward(wx, rr, bias).States;
    double sum = 0;
    ReadOnlySpan<double> h = s.Span.Slice(Lstm.States.h * weights.Length, weights.Length);
    for (int i = 0; i < h.Length; i++) sum += weights.Span[i] * h[i];
    return sum;
}

var direction = RandomTensor(1.0, r.Shape.Dims.ToArray());
const double Epsilon = 1e-5;
HostTensor<double> Shifted(double by)
{
    var t = r.Clone();
    for (int i = 0; i < t.Length; i++) t.Span[i] += by * direction.Span[i];
    return t;
}
double numeric = (Loss(Shifted(Epsilon)) - Loss(Shifted(-Epsilon))) / (2 * Epsilon);
double analytic = 0;
for (int i = 0; i < direction.Length; i++) analytic += gradients.DR.Span[i] * direction.Span[i];
double relative = Math.Abs(numeric - analytic) / Math.Max(Math.Abs(numeric), 1e-300);
Console.WriteLine($"  gradient check dL/dR along a random direction: derived {analytic:E6}, finite difference {numeric:E6}, relative error {relative:E1} {(relative < 1e-6 ? "OK" : "FAILED")}");
return relative < 1e-6 ? 0 : 1;
