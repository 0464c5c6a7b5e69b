using FlashRnn.Gpu;

namespace FlashRnn.Kernels.Tests.Support;

/// <summary>Every cell the kernel tests run: the four built-in ones and two custom ones.</summary>
internal static class TestCells
{
    public static readonly GpuCell[] All =
    [
        FlashRnn.Cells.Lstm.Gpu, FlashRnn.Cells.Gru.Gpu, FlashRnn.Cells.SLstm.Gpu, FlashRnn.Cells.Elman.Gpu,
        Cells.MultiplicativeRnn.Gpu, Cells.PeepholeCifg.Gpu,
    ];

    public static GpuCell ByName(string name) => All.Single(c => c.Info.Name == name);

    public static TheoryData<string> Names => new(All.Select(c => c.Info.Name));
}
