using FlashRnn.Gpu;

namespace FlashRnn.Kernels.Tests.Support;

/// <summary>One cell under test: its GPU side and its CPU reference (the generated float64 path).</summary>
internal sealed record TestCell(
    GpuCell Gpu,
    Func<HostTensor<double>, HostTensor<double>, HostTensor<double>, HostTensor<double>?, RnnForwardResult<double>> Forward,
    Func<HostTensor<double>, HostTensor<double>, HostTensor<double>, HostTensor<double>?, RnnForwardResult<double>, HostTensor<double>?, HostTensor<double>?, RnnGradients<double>> Backward)
{
    public string Name => Gpu.Info.Name;
}

/// <summary>Every cell the kernel tests run: the four built-in ones and two custom ones.</summary>
internal static class TestCells
{
    public static readonly TestCell[] All =
    [
        new(FlashRnn.Cells.Lstm.Gpu, FlashRnn.Cells.Lstm.Forward, FlashRnn.Cells.Lstm.Backward),
        new(FlashRnn.Cells.Gru.Gpu, FlashRnn.Cells.Gru.Forward, FlashRnn.Cells.Gru.Backward),
        new(FlashRnn.Cells.SLstm.Gpu, FlashRnn.Cells.SLstm.Forward, FlashRnn.Cells.SLstm.Backward),
        new(FlashRnn.Cells.Elman.Gpu, FlashRnn.Cells.Elman.Forward, FlashRnn.Cells.Elman.Backward),
        new(global::CustomCells.MultiplicativeRnn.Gpu, global::CustomCells.MultiplicativeRnn.Forward, global::CustomCells.MultiplicativeRnn.Backward),
        new(global::CustomCells.PeepholeCifg.Gpu, global::CustomCells.PeepholeCifg.Forward, global::CustomCells.PeepholeCifg.Backward),
    ];

    public static TestCell ByName(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names => new(All.Select(c => c.Name));
}
