using System.Runtime.CompilerServices;
using FlashRnn.Bench.Sweep;

namespace FlashRnn.Bench.Measure;

/// <summary>
/// The device inputs of one configuration: Wx [B, T, G, NH, DH], R [G, NH, DH, DH] (scaled by 1/sqrt(DH), as an
/// initialiser would), b [G, NH, DH], the cell's default initial states [S, B, NH, DH], and for fwbw the gradient
/// of the loss with respect to the states [S, B, T, NH, DH]: random on the cell's output states, zero on the
/// others (as y.sum().backward() would give ones there). The initial states are passed explicitly so that no call
/// uploads them inside the timed region.
/// </summary>
internal sealed class CaseInputs<T> : IDisposable where T : unmanaged
{
    private CaseInputs(DeviceTensor<T> wx, DeviceTensor<T> r, DeviceTensor<T> bias, DeviceTensor<T> initial, DeviceTensor<T>? dStates)
    {
        Wx = wx;
        R = r;
        Bias = bias;
        Initial = initial;
        DStates = dStates;
    }

    public DeviceTensor<T> Wx { get; }
    public DeviceTensor<T> R { get; }
    public DeviceTensor<T> Bias { get; }
    public DeviceTensor<T> Initial { get; }
    public DeviceTensor<T>? DStates { get; }

    /// <summary>The float64 copies of the inputs, for the CPU reference (check inputs only).</summary>
    public ReferenceInputs? Reference { get; private init; }

    /// <summary>Exact random inputs for the correctness check, with their float64 copies.</summary>
    public static CaseInputs<T> ForCheck(BenchCase c, int steps, Random random)
    {
        CellInfo info = c.Cell.Gpu.Info;
        (int g, int s, int nh, int dh, int b) = (info.GateCount, info.StateCount, c.Layout.Heads, c.Layout.HeadSize, c.Batch);
        var wx = RandomValues.Exact<T>(random, 1.0, b, steps, g, nh, dh);
        var r = RandomValues.Exact<T>(random, 1.0 / Math.Sqrt(dh), g, nh, dh, dh);
        var bias = RandomValues.Exact<T>(random, 0.1, g, nh, dh);
        HostTensor<double> initial = DefaultInitialStates(info, b, nh, dh);
        HostTensor<double>? dStates = null;
        if (c.Mode == BenchMode.ForwardBackward)
        {
            dStates = new HostTensor<double>(s, b, steps, nh, dh);
            int perState = b * steps * nh * dh;
            foreach (int k in info.OutputStates)
            {
                var values = RandomValues.Exact<T>(random, 1.0, perState);
                values.Reference.Span.CopyTo(dStates.Span.Slice(k * perState, perState));
            }
        }

        var inputs = new CaseInputs<T>(
            DeviceTensor<T>.FromSpan(wx.Storage, wx.Reference.Shape),
            DeviceTensor<T>.FromSpan(r.Storage, r.Reference.Shape),
            DeviceTensor<T>.FromSpan(bias.Storage, bias.Reference.Shape),
            Upload(initial),
            dStates is null ? null : Upload(dStates))
        {
            Reference = new ReferenceInputs(wx.Reference, r.Reference, bias.Reference, initial, dStates),
        };
        return inputs;
    }

    /// <summary>Full-size random inputs for timing (no float64 copies; Wx and dStates from a repeated random pool).</summary>
    public static CaseInputs<T> ForTiming(BenchCase c, Random random)
    {
        CellInfo info = c.Cell.Gpu.Info;
        (int g, int s, int nh, int dh, int b, int t) = (info.GateCount, info.StateCount, c.Layout.Heads, c.Layout.HeadSize, c.Batch, c.Steps);
        var wx = new DeviceTensor<T>(new TensorShape(b, t, g, nh, dh));
        DeviceTensor<T>? dStates = null;
        try
        {
            RandomValues.Upload<T>(random, 1.0, wx.Buffer, 0, wx.Length);
            var r = RandomValues.Exact<T>(random, 1.0 / Math.Sqrt(dh), g, nh, dh, dh);
            var bias = RandomValues.Exact<T>(random, 0.1, g, nh, dh);
            if (c.Mode == BenchMode.ForwardBackward)
            {
                dStates = new DeviceTensor<T>(new TensorShape(s, b, t, nh, dh)); // zero-filled: the non-output states
                long perState = (long)b * t * nh * dh;
                foreach (int k in info.OutputStates)
                    RandomValues.Upload<T>(random, 1.0, dStates.Buffer, k * perState * Unsafe.SizeOf<T>(), perState);
            }
            return new CaseInputs<T>(wx,
                DeviceTensor<T>.FromSpan(r.Storage, r.Reference.Shape),
                DeviceTensor<T>.FromSpan(bias.Storage, bias.Reference.Shape),
                Upload(DefaultInitialStates(info, b, nh, dh)),
                dStates);
        }
        catch
        {
            wx.Dispose();
            dStates?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Wx.Dispose();
        R.Dispose();
        Bias.Dispose();
        Initial.Dispose();
        DStates?.Dispose();
    }

    /// <summary>Every state at the cell's initial value (as the runtime uses when none are passed), [S, B, NH, DH].</summary>
    private static HostTensor<double> DefaultInitialStates(CellInfo info, int batch, int heads, int headSize)
    {
        var initial = new HostTensor<double>(info.StateCount, batch, heads, headSize);
        int perState = batch * heads * headSize;
        for (int k = 0; k < info.StateCount; k++) initial.Span.Slice(k * perState, perState).Fill(info.InitialValues[k]);
        return initial;
    }

    private static DeviceTensor<T> Upload(HostTensor<double> values)
    {
        var storage = new T[values.Length];
        for (int i = 0; i < storage.Length; i++) storage[i] = StorageValues.From<T>(values.Span[i]);
        return DeviceTensor<T>.FromSpan(storage, values.Shape);
    }
}

/// <summary>The float64 inputs of a check, for the CPU reference.</summary>
internal sealed record ReferenceInputs(HostTensor<double> Wx, HostTensor<double> R, HostTensor<double> Bias, HostTensor<double> Initial,
    HostTensor<double>? DStates);
