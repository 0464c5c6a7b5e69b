using FlashRnn.Cells;
using FlashRnn.Gpu;

namespace FlashRnn.Bench.Sweep;

/// <summary>The float64 CPU reference of a cell's forward pass (the generated <c>Forward(HostTensor&lt;double&gt;...)</c>).</summary>
internal delegate RnnForwardResult<double> ReferenceForward(
    HostTensor<double> wx, HostTensor<double> r, HostTensor<double> bias, HostTensor<double>? initialStates);

/// <summary>The float64 CPU reference of a cell's backward pass.</summary>
internal delegate RnnGradients<double> ReferenceBackward(
    HostTensor<double> wx, HostTensor<double> r, HostTensor<double> bias, HostTensor<double>? initialStates,
    RnnForwardResult<double> forward, HostTensor<double>? dStates, HostTensor<double>? dLast);

/// <summary>
/// A cell the benchmark runs: its GPU side, its CPU reference, and the cuDNN module it is compared with
/// (<see cref="BaselineCell"/>, a <c>--cell</c> value of the baseline script).
/// </summary>
internal sealed record BenchCell(string Name, GpuCell Gpu, ReferenceForward Forward, ReferenceBackward Backward, string BaselineCell)
{
    /// <summary>The four built-in cells. cuDNN has no sLSTM; its closest module, the 4-gate LSTM, stands in for it.</summary>
    public static IReadOnlyList<BenchCell> All { get; } =
    [
        new("lstm", Lstm.Gpu, Lstm.Forward, Lstm.Backward, "lstm"),
        new("gru", Gru.Gpu, Gru.Forward, Gru.Backward, "gru"),
        new("slstm", SLstm.Gpu, SLstm.Forward, SLstm.Backward, "lstm"),
        new("elman", Elman.Gpu, Elman.Forward, Elman.Backward, "elman"),
    ];

    /// <summary>The cell called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="FormatException">No such cell.</exception>
    public static BenchCell Parse(string name)
        => All.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
           ?? throw new FormatException($"'{name}' is not a cell: use {string.Join(", ", All.Select(c => c.Name))}.");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
