// Quickstart: run the built-in LSTM forward and backward on random data, print the shapes and the time, and check
// the result: on the GPU against the float64 CPU reference when a GPU is present, and on the CPU reference a
// derived gradient against a finite difference.
//
//   dotnet run --project samples/Quickstart -c Release
using System.Diagnostics;
using FlashRnn;
using FlashRnn.Cells;
using FlashRnn.Cuda;
using FlashRnn.Gpu;

const int Batch = 16, Steps = 64, Heads = 12, HeadSize = 64;
int gates = Lstm.Info.GateCount;
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
// A loss L = sum(w * h) over every step: its gradient with respect to the states is w on h, zero on c.
var weights = RandomTensor(1.0, Batch, Steps, Heads, HeadSize);
var dStates = new HostTensor<double>(Lstm.Info.StateCount, Batch, Steps, Heads, HeadSize);
weights.Span.CopyTo(dStates.Span.Slice(Lstm.States.h * weights.Length, weights.Length));

Console.WriteLine($"FlashRnn.Gen quickstart: LSTM, {Heads} heads x {HeadSize}, batch {Batch}, {Steps} steps");
var watch = Stopwatch.StartNew();
RnnForwardResult<double> forward = Lstm.Forward(wx, r, bias);
double forwardMs = watch.Elapsed.TotalMilliseconds;
watch.Restart();
RnnGradients<double> gradients = Lstm.Backward(wx, r, bias, null, forward, dStates, null);
double backwardMs = watch.Elapsed.TotalMilliseconds;

Console.WriteLine($"CPU reference ({Environment.ProcessorCount} cores, float64): forward {forwardMs:F1} ms, backward {backwardMs:F1} ms");
Console.WriteLine($"  Wx     {wx.Shape}   R {r.Shape}   b {bias.Shape}");
Console.WriteLine($"  states {forward.States.Shape} (h, c)   last {forward.Last.Shape}");
Console.WriteLine($"  dWx    {gradients.DWx.Shape}   dR {gradients.DR.Shape}   db {gradients.DBias.Shape}   dh0,dc0 {gradients.DInitialStates.Shape}");

bool ok = CheckGradientOnCpu();
if (CudaDevice.IsAvailable) ok &= RunOnGpu();
else Console.WriteLine($"GPU: none ({(CudaDevice.UnavailableReason ?? "unknown").Split('\n')[0].TrimEnd('.', ':')}); the CPU reference ran instead.");
return ok ? 0 : 1;

// The derivative of L along a random direction of R, by central differences, against <dR, direction>.
bool CheckGradientOnCpu()
{
    double Loss(HostTensor<double> rr)
    {
        ReadOnlySpan<double> h = Lstm.Forward(wx, rr, bias).States.Span.Slice(Lstm.States.h * weights.Length, weights.Length);
        double sum = 0;
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
    return relative < 1e-6;
}

// The same problem in bfloat16 on the GPU, timed with CUDA events, compared with the float64 reference.
bool RunOnGpu()
{
    CudaDevice device = CudaContext.Default.Device;
    using var gWx = DeviceTensor<BFloat16>.FromSpan(ToBFloat16(wx), wx.Shape);
    using var gR = DeviceTensor<BFloat16>.FromSpan(ToBFloat16(r), r.Shape);
    using var gBias = DeviceTensor<BFloat16>.FromSpan(ToBFloat16(bias), bias.Shape);
    using var gDStates = DeviceTensor<BFloat16>.FromSpan(ToBFloat16(dStates), dStates.Shape);
    RnnKernels.KernelSelected += (_, e) => Console.WriteLine($"  kernel: {e}");

    // The first call compiles the kernels with NVRTC (or reads them from the disk cache); time it separately.
    watch.Restart();
    Lstm.Backward(gWx, gR, gBias, null, Lstm.Forward(gWx, gR, gBias), gDStates, null).Dispose();
    CudaContext.Default.Synchronize();
    Console.WriteLine($"GPU {device.Name} (sm_{device.ComputeCapability.Number}), bfloat16: first call (compile or cache) {watch.Elapsed.TotalMilliseconds:F0} ms");

    using var start = new CudaEvent();
    using var middle = new CudaEvent();
    using var end = new CudaEvent();
    start.Record();
    using DeviceRnnForwardResult<BFloat16> gForward = Lstm.Forward(gWx, gR, gBias);
    middle.Record();
    using DeviceRnnGradients<BFloat16> gGradients = Lstm.Backward(gWx, gR, gBias, null, gForward, gDStates, null);
    end.Record();
    end.Synchronize();
    Console.WriteLine($"  forward {CudaEvent.ElapsedMilliseconds(start, middle):F3} ms, backward {CudaEvent.ElapsedMilliseconds(middle, end):F3} ms (one warm call, allocations included)");

    double statesError = RelativeError(gForward.States.ToArray().Select(v => (double)(float)v).ToArray(), forward.States.Span);
    double dRError = RelativeError(gGradients.DR.ToArray().Select(v => (double)v).ToArray(), gradients.DR.Span);
    bool good = statesError < 3e-2 && dRError < 6e-2;
    Console.WriteLine($"  against the float64 reference: states relative error {statesError:E1}, dR {dRError:E1} (bfloat16 bounds 3e-2, 6e-2) {(good ? "OK" : "FAILED")}");
    return good;
}

static BFloat16[] ToBFloat16(HostTensor<double> t) => t.Array.Select(v => (BFloat16)v).ToArray();

static double RelativeError(double[] actual, ReadOnlySpan<double> expected)
{
    double diff = 0, norm = 0;
    for (int i = 0; i < expected.Length; i++)
    {
        diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
        norm += expected[i] * expected[i];
    }
    return Math.Sqrt(diff) / Math.Sqrt(norm);
}
