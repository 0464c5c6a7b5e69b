using FlashRnn.Cpu.Tests.Reference;

namespace FlashRnn.Cpu.Tests.Support;

/// <summary>The inputs of one engine call, in FlashRNN's layout.</summary>
public sealed record RnnProblem(HostTensor<double> Wx, HostTensor<double> R, HostTensor<double> Bias,
    HostTensor<double>? InitialStates)
{
    /// <summary>A random problem for <typeparamref name="TCell"/>, made through the PyTorch-layout model.</summary>
    public static RnnProblem Random<TCell>(int seed, int batch, int time, int heads, int headSize,
        bool withInitialStates = true, Func<int, (double Low, double High)>? initialRange = null)
        where TCell : struct, IPointwiseCell
    {
        var model = TorchLayoutModel.Random(seed, TCell.Info.GateCount, TCell.Info.StateCount, batch, time, heads,
            headSize, initialRange);
        return new RnnProblem(model.Wx(), model.R(), model.Bias(), withInitialStates ? model.InitialStates() : null);
    }

    /// <summary>sLSTM's normaliser state n is at least 1 once running; random starts keep it so (m may be anything).</summary>
    public static (double Low, double High) SlstmInitialRange(int state) => state == 2 ? (1.0, 2.0) : (-1.0, 1.0);

    public RnnForwardResult<double> Forward<TCell>(int maxDegreeOfParallelism = -1) where TCell : struct, IPointwiseCell
        => CpuReference.Forward<TCell, double>(Wx, R, Bias, InitialStates, maxDegreeOfParallelism);
}
