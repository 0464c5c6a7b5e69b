using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Kernels.Tests.Support;
using FlashRnn.Planning;

namespace FlashRnn.Kernels.Tests.Gpu;

/// <summary>
/// RnnKernelOptions.FusedPlan replaces ConstrINT's plan (FlashRnn.Bench plans times candidates through it); a plan
/// that does not match the call, or asks for an input ring the kernels cannot build, is refused with an
/// ArgumentException naming the options, before anything is allocated or launched.
/// </summary>
[Collection(GpuCollection.Name)]
public class FusedPlanOverrideTests
{
    private const int Batch = 3, Time = 4, Heads = 2, HeadSize = 64;

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    public void A_plan_with_an_input_ring_outside_2_to_16_is_refused(int stages)
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        KernelPlan plan = ForwardPlan(cell) with { InputStages = stages };
        var error = Assert.Throws<ArgumentException>("options", () => RunForward(cell, new RnnKernelOptions { FusedPlan = plan }));
        Assert.Contains($"InputStages is {stages}", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(16)]
    public void A_plan_whose_exchange_clusters_do_not_divide_its_ctas_is_refused(int exchangeCluster)
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        KernelPlan plan = ForwardPlan(cell) with { CtasPerHead = 4, UseCluster = false, ExchangeCluster = exchangeCluster };
        var error = Assert.Throws<ArgumentException>("options", () => RunForward(cell, new RnnKernelOptions { FusedPlan = plan }));
        Assert.Contains($"ExchangeCluster is {exchangeCluster}", error.Message);
    }

    [Fact]
    public void A_forward_plan_split_by_rows_is_refused()
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        KernelPlan plan = ForwardPlan(cell) with { CtasPerHead = 4, UseCluster = false, BackwardRows = true };
        var error = Assert.Throws<ArgumentException>("options", () => RunForward(cell, new RnnKernelOptions { FusedPlan = plan }));
        Assert.Contains("BackwardRows is set on a Forward plan", error.Message);
    }

    [Fact]
    public void A_forward_plan_over_row_blocks_is_refused()
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        KernelPlan plan = ForwardPlan(cell) with { CtasPerHead = 4, UseCluster = false, BackwardRowBlocks = 2 };
        var error = Assert.Throws<ArgumentException>("options", () => RunForward(cell, new RnnKernelOptions { FusedPlan = plan }));
        Assert.Contains("BackwardRowBlocks is 2 on a Forward plan", error.Message);
    }

    [Fact]
    public void Exchange_clusters_do_not_change_what_is_computed()
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        KernelPlan plan = ForwardPlan(cell) with { CtasPerHead = 4, UseCluster = false, BatchTile = 8, Warps = 4, RRegisterTiles = 2 };
        float[] alone = RunForward(cell, new RnnKernelOptions { FusedPlan = plan });
        float[] shared = RunForward(cell, new RnnKernelOptions { FusedPlan = plan with { ExchangeCluster = 2 } });
        Assert.Equal(alone, shared);  // the same lines reach every CTA, through DSMEM instead of L2
    }

    [Fact]
    public void A_backward_plan_is_refused_for_a_forward_call()
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        KernelPlan backward = cell.Gpu.PlanFor(CudaContext.Default.Device, KernelDirection.Backward, Heads, HeadSize, KernelDType.BFloat16, Batch);
        Assert.SkipUnless(backward.Kind == KernelKind.Fused, "the backward plan of this shape is not fused on this device");
        var error = Assert.Throws<ArgumentException>("options", () => RunForward(cell, new RnnKernelOptions { FusedPlan = backward }));
        Assert.Contains("Fused Forward plan", error.Message);
    }

    [Fact]
    public void A_valid_ring_depth_overrides_the_planner_and_still_matches_the_default_plan()
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        KernelPlan plan = ForwardPlan(cell);
        float[] planned = RunForward(cell, null);
        float[] twoStages = RunForward(cell, new RnnKernelOptions { FusedPlan = plan with { InputStages = 2 } });
        Assert.Equal(planned, twoStages);  // the ring depth changes when inputs arrive, not what is computed
    }

    [Fact]
    public void Tf32_products_do_not_change_a_bfloat16_call()
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        float[] planned = RunForward(cell, null);
        float[] tf32 = RunForward(cell, new RnnKernelOptions { Float32Products = Float32Products.Tf32 });
        Assert.Equal(planned, tf32);  // Float32Products applies to float32 calls only
    }

    [Fact]
    public void Undefined_option_values_are_refused_before_launch()
    {
        Requires.Gpu();
        TestCell cell = TestCells.ByName("Lstm");
        var products = Assert.Throws<ArgumentException>("options", () => RunForward(cell, new RnnKernelOptions { Float32Products = (Float32Products)5 }));
        Assert.Contains("Float32Products is 5", products.Message);
        var kernel = Assert.Throws<ArgumentException>("options", () => RunForward(cell, new RnnKernelOptions { Kernel = (KernelChoice)9 }));
        Assert.Contains("Kernel is 9", kernel.Message);
    }

    private static KernelPlan ForwardPlan(TestCell cell)
    {
        KernelPlan plan = cell.Gpu.PlanFor(CudaContext.Default.Device, KernelDirection.Forward, Heads, HeadSize, KernelDType.BFloat16, Batch);
        Assert.SkipUnless(plan.Kind == KernelKind.Fused, "the forward plan of this shape is not fused on this device");
        return plan;
    }

    /// <summary>The float32 states of a bfloat16 forward on fixed inputs.</summary>
    private static float[] RunForward(TestCell cell, RnnKernelOptions? options)
    {
        var random = new Random(7);
        int g = cell.Gpu.Info.GateCount, s = cell.Gpu.Info.StateCount;
        var wx = Numerics.Random<BFloat16>(random, 1.0, Batch, Time, g, Heads, HeadSize);
        var r = Numerics.Random<BFloat16>(random, 1.0 / Math.Sqrt(HeadSize), g, Heads, HeadSize, HeadSize);
        var bias = Numerics.Random<BFloat16>(random, 0.1, g, Heads, HeadSize);
        using var dWx = DeviceTensor<BFloat16>.FromSpan(wx.Storage, wx.Reference.Shape);
        using var dR = DeviceTensor<BFloat16>.FromSpan(r.Storage, r.Reference.Shape);
        using var dBias = DeviceTensor<BFloat16>.FromSpan(bias.Storage, bias.Reference.Shape);
        using DeviceRnnForwardResult<BFloat16> forward = GpuRecurrence.Forward(cell.Gpu, dWx, dR, dBias, null, options);
        CudaContext.Default.Synchronize();
        return Numerics.ToDoubles(forward.States).Select(v => (float)v).ToArray();
    }
}
