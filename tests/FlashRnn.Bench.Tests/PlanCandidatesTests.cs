using FlashRnn.Bench.PlanSweep;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Tests;

public class PlanCandidatesTests
{
    private const int H100Sms = 132;

    [Theory]
    [InlineData(4, 64, KernelDirection.Forward)]
    [InlineData(4, 768, KernelDirection.Backward)]
    [InlineData(3, 768, KernelDirection.Forward)]
    public void Candidates_keep_to_the_kernels_tiling_rules(int gates, int headSize, KernelDirection direction)
    {
        var request = new KernelPlanRequest(gates, 1, 1, headSize, KernelDType.BFloat16, direction);
        IReadOnlyList<KernelPlan> plans = PlanCandidates.For(request, maxClusterSize: 16, inputStages: 6, H100Sms);
        Assert.NotEmpty(plans);
        Assert.All(plans, p =>
        {
            int units = headSize / p.CtasPerHead;
            Assert.Equal(KernelKind.Fused, p.Kind);
            Assert.Equal(0, headSize % p.CtasPerHead);
            Assert.Equal(0, units % 2);
            // Split by columns the CTA's gate columns make whole MMA tiles; split by rows (backward only) U even is enough.
            Assert.True(direction == KernelDirection.Forward
                ? (gates * units) % 16 == 0 || units % 8 == 0
                : p.BackwardRows || (gates * p.BackwardRowBlocks * units) % 16 == 0);
            Assert.False(p.BackwardRows && direction == KernelDirection.Forward);
            Assert.Equal(p.CtasPerHead > 1 && p.CtasPerHead <= 16, p.UseCluster);
            Assert.Equal(6, p.InputStages);
        });
        Assert.Contains(plans, p => p.CtasPerHead == 1 || headSize > 256);
    }

    /// <summary>
    /// Beyond the cluster size the candidates exchange through L2, and only where every CTA of the grid fits one per
    /// SM: the planner's 1x768 plans (LSTM K = 64 with BT = 8, GRU K = 24 or 48) are among them.
    /// </summary>
    [Fact]
    public void Past_the_cluster_size_the_candidates_exchange_through_L2_with_a_resident_grid()
    {
        var lstm = new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16, KernelDirection.Backward);
        IReadOnlyList<KernelPlan> plans = PlanCandidates.For(lstm, maxClusterSize: 16, inputStages: 8, H100Sms);

        KernelPlan[] global = plans.Where(p => p.CtasPerHead > 16).ToArray();
        Assert.NotEmpty(global);
        Assert.All(global, p =>
        {
            Assert.False(p.UseCluster);
            Assert.True((16 + p.BatchTile - 1) / p.BatchTile * p.CtasPerHead <= H100Sms, PlanCandidates.Describe(p));
        });
        Assert.Contains(global, p => p is { CtasPerHead: 64, BatchTile: 8, Warps: 12, RRegisterTiles: PlanCandidates.AllRegisterTiles });
        Assert.DoesNotContain(global, p => p is { CtasPerHead: 96, BatchTile: 8 });  // 2 x 96 CTAs do not fit 132 SMs

        var gru = new KernelPlanRequest(3, 2, 1, 768, KernelDType.BFloat16, KernelDirection.Forward);
        Assert.Contains(PlanCandidates.For(gru, 16, 8, H100Sms), p => p is { CtasPerHead: 48, UseCluster: false });
    }

    [Fact]
    public void L2_candidates_also_share_their_exchange_in_clusters_that_divide_the_ctas()
    {
        var lstm = new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16, KernelDirection.Backward);
        IReadOnlyList<KernelPlan> plans = PlanCandidates.For(lstm, maxClusterSize: 16, inputStages: 8, H100Sms);

        KernelPlan[] shared = plans.Where(p => p.ExchangeCluster > 1).ToArray();
        Assert.All(shared, p =>
        {
            Assert.False(p.UseCluster);
            Assert.True(p.CtasPerHead > p.ExchangeCluster && p.CtasPerHead % p.ExchangeCluster == 0, PlanCandidates.Describe(p));
            Assert.Contains($"XC={p.ExchangeCluster}", PlanCandidates.Describe(p));
        });
        Assert.Contains(shared, p => p is { CtasPerHead: 64, BatchTile: 8, Warps: 12, ExchangeCluster: 4 });
        Assert.Contains(shared, p => p is { CtasPerHead: 48, BatchTile: 16, ExchangeCluster: 2 });
        // Each L2 tiling is there once per cluster size: alone, in pairs and in fours.
        Assert.Equal(plans.Count(p => p is { CtasPerHead: 64, ExchangeCluster: 1, BackwardRows: false, BackwardRowBlocks: 1 }), plans.Count(p => p is { CtasPerHead: 64, ExchangeCluster: 4 }));

        Assert.DoesNotContain(PlanCandidates.For(lstm, maxClusterSize: 1, inputStages: 8, H100Sms), p => p.ExchangeCluster > 1);
    }

    [Fact]
    public void Backward_L2_candidates_are_also_split_by_rows()
    {
        var gru = new KernelPlanRequest(3, 1, 1, 768, KernelDType.BFloat16, KernelDirection.Backward);
        IReadOnlyList<KernelPlan> plans = PlanCandidates.For(gru, maxClusterSize: 16, inputStages: 8, H100Sms);

        KernelPlan[] rows = plans.Where(p => p.BackwardRows).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, p =>
        {
            Assert.False(p.UseCluster);
            Assert.Equal(1, p.ExchangeCluster);
            Assert.True(p.CtasPerHead > 16, PlanCandidates.Describe(p));
            Assert.Contains(" rows ", PlanCandidates.Describe(p));
        });
        // GRU at K = 64 has 36 gate columns a CTA (not whole tiles): only the split by rows takes it, as ConstrINT does.
        Assert.Contains(rows, p => p is { CtasPerHead: 64, BatchTile: 8, Warps: 16 });
        Assert.DoesNotContain(plans, p => p is { CtasPerHead: 64, BackwardRows: false, BackwardRowBlocks: 1 });
        // A forward request has none.
        Assert.DoesNotContain(PlanCandidates.For(gru with { Direction = KernelDirection.Forward }, 16, 8, H100Sms), p => p.BackwardRows);
    }

    [Fact]
    public void Backward_L2_candidates_also_run_over_grids_of_row_blocks()
    {
        var lstm = new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16, KernelDirection.Backward);
        IReadOnlyList<KernelPlan> plans = PlanCandidates.For(lstm, maxClusterSize: 16, inputStages: 8, H100Sms);

        KernelPlan[] blocks = plans.Where(p => p.BackwardRowBlocks > 1).ToArray();
        Assert.All(blocks, p =>
        {
            Assert.False(p.BackwardRows || p.UseCluster);
            Assert.Equal(1, p.ExchangeCluster);
            Assert.True(p.BackwardRowBlocks < p.CtasPerHead && p.CtasPerHead % p.BackwardRowBlocks == 0, PlanCandidates.Describe(p));
            Assert.Equal(0, 4 * p.BackwardRowBlocks * (768 / p.CtasPerHead) % 16);
            Assert.Contains($" KR={p.BackwardRowBlocks} ", PlanCandidates.Describe(p));
        });
        foreach (int kr in new[] { 4, 8, 16 })
            Assert.Contains(blocks, p => p is { CtasPerHead: 64, BatchTile: 8, Warps: 16 } && p.BackwardRowBlocks == kr);
        Assert.DoesNotContain(PlanCandidates.For(lstm with { Direction = KernelDirection.Forward }, 16, 8, H100Sms), p => p.BackwardRowBlocks > 1);
    }

    [Fact]
    public void Without_clusters_every_split_head_exchanges_through_L2()
    {
        var request = new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16);
        IReadOnlyList<KernelPlan> plans = PlanCandidates.For(request, maxClusterSize: 1, inputStages: 4, multiprocessors: 108);
        Assert.DoesNotContain(plans, p => p.UseCluster);
        Assert.Contains(plans, p => p.CtasPerHead == 8);
        Assert.All(plans.Where(p => p.CtasPerHead > 1), p => Assert.True((16 + p.BatchTile - 1) / p.BatchTile * p.CtasPerHead <= 108));
    }

    [Fact]
    public void A_head_size_off_the_16_grid_has_no_candidates()
        => Assert.Empty(PlanCandidates.For(new KernelPlanRequest(4, 2, 1, 40, KernelDType.BFloat16), 16, 4, H100Sms));
}
