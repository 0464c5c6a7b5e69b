using FlashRnn.Cpu.Tests.Fixtures;
using FlashRnn.Cpu.Tests.Support;

namespace FlashRnn.Cpu.Tests;

/// <summary>float32 runs agree with float64 runs of the same (rounded) inputs to single precision.</summary>
public class Float32Tests
{
    [Fact] public void Lstm_float32_agrees_with_float64() => AssertAgrees<LstmCell>(41);
    [Fact] public void Gru_float32_agrees_with_float64() => AssertAgrees<GruCell>(42);
    [Fact] public void Elman_float32_agrees_with_float64() => AssertAgrees<ElmanCell>(43);
    [Fact] public void Slstm_float32_agrees_with_float64() => AssertAgrees<SlstmCell>(44, RnnProblem.SlstmInitialRange);
    [Fact] public void Slstm_float32_from_zero_states_agrees_with_float64() => AssertAgrees<SlstmCell>(45, withInitial: false);

    private static void AssertAgrees<TCell>(int seed, Func<int, (double, double)>? initialRange = null, bool withInitial = true)
        where TCell : struct, IPointwiseCell
    {
        // Head size 9 runs one float vector and a tail; 41 adds the four-vector blocks of 8-float vectors.
        AssertAgrees<TCell>(seed, batch: 3, time: 6, heads: 2, headSize: 9, initialRange, withInitial);
        AssertAgrees<TCell>(seed, batch: 2, time: 3, heads: 1, headSize: 41, initialRange, withInitial);
    }

    private static void AssertAgrees<TCell>(int seed, int batch, int time, int heads, int headSize,
        Func<int, (double, double)>? initialRange, bool withInitial) where TCell : struct, IPointwiseCell
    {
        var p64 = RnnProblem.Random<TCell>(seed, batch, time, heads, headSize, withInitial, initialRange);
        var (wx, r, bias, init) = (Tensors.ToSingle(p64.Wx), Tensors.ToSingle(p64.R), Tensors.ToSingle(p64.Bias),
            Tensors.ToSingleOrNull(p64.InitialStates));
        // Compare against float64 on exactly the float32 inputs, so only the arithmetic's precision differs.
        var p = new RnnProblem(Widen(wx), Widen(r), Widen(bias), init is null ? null : Widen(init));

        var forward64 = p.Forward<TCell>();
        var forward32 = CpuReference.Forward<TCell, float>(wx, r, bias, init);
        Assert.True(Tensors.RelativeError(forward64.States, forward32.States) < 1e-5);
        Assert.True(Tensors.RelativeError(forward64.Last, forward32.Last) < 1e-5);

        var rng = new Random(seed + 100);
        var dStates64 = Tensors.Uniform(rng, -1, 1, forward64.States.Shape);
        var dStates32 = Tensors.ToSingle(dStates64);
        var dStatesExact = Widen(dStates32);
        var g64 = CpuReference.Backward<TCell, double>(p.Wx, p.R, p.Bias, p.InitialStates, forward64, dStatesExact, null);
        var g32 = CpuReference.Backward<TCell, float>(wx, r, bias, init, forward32, dStates32, null);
        Assert.True(Tensors.RelativeError(g64.DWx, g32.DWx) < 1e-4, "dWx");
        Assert.True(Tensors.RelativeError(g64.DR, g32.DR) < 1e-4, "dR");
        Assert.True(Tensors.RelativeError(g64.DBias, g32.DBias) < 1e-4, "dBias");
        Assert.True(Tensors.RelativeError(g64.DInitialStates, g32.DInitialStates) < 1e-4, "dInitialStates");
    }

    private static HostTensor<double> Widen(HostTensor<float> t)
        => new(t.Array.Select(v => (double)v).ToArray(), t.Shape.Dims.ToArray());
}
