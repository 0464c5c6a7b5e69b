using FlashRnn.Bench.PlanSweep;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Tests;

public class PlanCandidatesTests
{
    [Theory]
    [InlineData(4, 64, KernelDirection.Forward)]
    [InlineData(4, 768, KernelDirection.Backward)]
    [InlineData(3, 768, KernelDirection.Forward)]
    public void Candidates_keep_to_the_kernels_tiling_rules(int gates, int headSize, KernelDirection direction)
    {
        var request = new KernelPlanRequest(gates, 1, 1, headSize, KernelDType.BFloat16, direction);
        IReadOnlyList<KernelPlan> plans = PlanCandidates.For(request, maxClusterSize: 16, inputStages: 6);
        Assert.NotEmpty(plans);
        Assert.All(plans, p =>
        {
            int units = headSize / p.CtasPerHead;
            Assert.Equal(KernelKind.Fused, p.Kind);
            Assert.Equal(0, headSize % p.CtasPerHead);
            Assert.InRange(p.CtasPerHead, 1, 16);
            Assert.Equal(0, units % 2);
            Assert.True(direction == KernelDirection.Forward ? (gates * units) % 16 == 0 || units % 8 == 0 : (gates * units) % 16 == 0);
            Assert.Equal(p.CtasPerHead > 1, p.UseCluster);
            Assert.Equal(6, p.InputStages);
        });
        Assert.Contains(plans, p => p.CtasPerHead == 1 || headSize > 256);
    }

    [Fact]
    public void A_head_size_off_the_16_grid_has_no_candidates()
        => Assert.Empty(PlanCandidates.For(new KernelPlanRequest(4, 2, 1, 40, KernelDType.BFloat16), 16, 4));
}
