using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Runtime.Tests.Planning;

/// <summary>
/// A build-time plan is made for its request's typical batch size (16 by default). It serves any batch that needs
/// no more batch tiles; a larger batch is planned again for its own grid (an L2-exchange plan needs every CTA
/// resident, and gpu-run-48 found LSTM 1x768 at B = 32..256 falling back to the alternating kernel, 25x slower).
/// </summary>
public class DeclaredPlanBatchTests
{
    private static readonly KernelPlan Lstm1x768 = KernelPlanner.Plan(new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16), GpuProfiles.H100);

    [Theory]
    [InlineData(1, true)]
    [InlineData(9, true)]
    [InlineData(16, true)]
    [InlineData(17, false)]
    [InlineData(32, false)]
    [InlineData(256, false)]
    public void A_declared_plan_serves_batches_up_to_the_tiles_it_was_planned_for(int batch, bool covered)
    {
        Assert.Equal(KernelKind.Fused, Lstm1x768.Kind);
        Assert.Equal(8, Lstm1x768.BatchTile);  // planned for B = 16: two batch tiles
        Assert.Equal(covered, GpuCell.CoversBatch(Lstm1x768, batch));
    }

    [Fact]
    public void The_plan_for_a_larger_batch_fits_its_own_grid()
    {
        KernelPlan forB32 = KernelPlanner.Plan(Lstm1x768.Request with { TypicalBatchSize = 32 }, GpuProfiles.H100);
        Assert.Equal(KernelKind.Fused, forB32.Kind);
        Assert.True(forB32.GridCtas <= GpuProfiles.H100.MultiprocessorCount * forB32.CtasPerMultiprocessor,
            $"{forB32.GridCtas} CTAs on {GpuProfiles.H100.MultiprocessorCount} SMs");
        Assert.True(GpuCell.CoversBatch(forB32, 32));
    }

    [Fact]
    public void Alternating_plans_serve_every_batch()
    {
        KernelPlan alternating = Lstm1x768 with { Kind = KernelKind.Alternating, BatchTile = 0 };
        Assert.True(GpuCell.CoversBatch(alternating, 1024));
    }
}
