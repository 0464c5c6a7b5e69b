using System.Diagnostics;
using FlashRnn.ConstrInt;
using FlashRnn.Planning;

namespace FlashRnn.ConstrInt.Tests.Planning;

public sealed class KernelPlannerTests(ITestOutputHelper output)
{
    private static readonly int[] HeadSizes = [16, 32, 48, 64, 128, 256, 512, 768, 1024, 2048, 2560];

    /// <summary>G gates and S states of the seed cells: Elman, GRU, LSTM/sLSTM.</summary>
    private static readonly (int Gates, int States)[] Cells = [(1, 1), (3, 1), (4, 2), (4, 4)];

    private static readonly KernelDType[] DTypes = [KernelDType.Float32, KernelDType.BFloat16, KernelDType.Float16];

    [Fact]
    public void Plans_every_cell_size_dtype_and_profile_within_the_profile_limits()
    {
        var times = new List<double>();
        var nodes = new List<long>();
        int fused = 0;
        int alternating = 0;
        foreach (GpuProfile profile in GpuProfiles.All)
        {
            foreach ((int gates, int states) in Cells)
            {
                foreach (KernelDType dtype in DTypes)
                {
                    foreach (KernelDirection direction in new[] { KernelDirection.Forward, KernelDirection.Backward })
                    {
                        foreach (int headSize in HeadSizes)
                        {
                            var request = new KernelPlanRequest(gates, states, Heads: 768 / Math.Min(headSize, 768), headSize, dtype, direction);
                            Stopwatch clock = Stopwatch.StartNew();
                            KernelPlan plan = KernelPlanner.Plan(request, profile);
                            times.Add(clock.Elapsed.TotalMilliseconds);
                            nodes.Add(SearchNodes(request, profile));
                            if (plan.Kind == KernelKind.Fused)
                            {
                                fused++;
                                AssertFits(plan, profile);
                            }
                            else
                            {
                                alternating++;
                                AssertExplained(plan, profile);
                            }
                        }
                    }
                }
            }
        }

        double[] sorted = times.OrderBy(t => t).ToArray();
        long[] sortedNodes = nodes.OrderBy(n => n).ToArray();
        long medianNodes = sortedNodes[sortedNodes.Length / 2];
        output.WriteLine($"{times.Count} plans ({fused} fused, {alternating} alternating): median {sorted[sorted.Length / 2]:F2} ms, 90th percentile {sorted[sorted.Length * 9 / 10]:F2} ms, max {sorted[^1]:F1} ms, total {times.Sum() / 1000:F1} s.");
        output.WriteLine($"Search nodes of the main solve: median {medianNodes}, 90th percentile {sortedNodes[sortedNodes.Length * 9 / 10]}, max {sortedNodes[^1]}, total {nodes.Sum()}.");
        Assert.True(fused > alternating * 2, "Most cells should fuse on these GPUs.");

        // The search's size guards against a solver or model regression, and it is the same on every machine:
        // median 87 nodes, 204,728 in all (measured 2026-12-07). Wall-clock time is not: alone on an idle machine the
        // median plan takes ~4 ms, beside the kernel tests' NVRTC compiles ~11 ms, and on the CI machine (every test
        // project at once, ~3.7x slower) it passed the old 15 ms bound and failed CI. The time bound is left only to
        // catch an order-of-magnitude slowdown per node, which counting nodes cannot see.
        Assert.True(medianNodes <= MedianSearchNodes * 5 / 4, $"Median search of {medianNodes} nodes exceeds the measured {MedianSearchNodes} by more than 25%.");
        Assert.True(nodes.Sum() <= TotalSearchNodes * 5 / 4, $"The sweep searched {nodes.Sum()} nodes, more than 25% over the measured {TotalSearchNodes}.");
        Assert.True(sorted[sorted.Length / 2] < 60, $"Median plan time {sorted[sorted.Length / 2]:F1} ms exceeds 60 ms.");
    }

    /// <summary>The sweep's median and total node counts when they were last measured; update them with the model.</summary>
    private const long MedianSearchNodes = 87;

    private const long TotalSearchNodes = 204_728;

    /// <summary>
    /// Nodes ConstrINT searches for the plan's main solve (the fused model, without conflict explanation). One solve
    /// may search no more than the whole sweep did, so a runaway search stops and fails the sweep's total.
    /// </summary>
    private static long SearchNodes(KernelPlanRequest request, GpuProfile profile)
        => ConstraintSolver.Solve(KernelPlanner.BuildModel(request, profile), new SolverOptions { NodeLimit = TotalSearchNodes, ExplainConflicts = false }).Nodes;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(100)]
    public void Head_sizes_that_are_not_a_multiple_of_16_plan_the_alternating_kernel_and_say_why(int headSize)
    {
        // Seen on the GPU machine: a tiny head made the model's definitions divide by zero and the planner threw.
        foreach ((int gates, int states) in Cells)
        foreach (KernelDirection direction in new[] { KernelDirection.Forward, KernelDirection.Backward })
        {
            KernelPlan plan = KernelPlanner.Plan(new KernelPlanRequest(gates, states, 2, headSize, KernelDType.BFloat16, direction), GpuProfiles.H100);
            Assert.Equal(KernelKind.Alternating, plan.Kind);
            Assert.Contains("multiple of 16", plan.Conflict);
            if (headSize > 16) Assert.True(plan.LargestFusedHeadSize is int largest && largest % 16 == 0 && largest < headSize);
        }
    }

    [Fact]
    public void Small_heads_fit_one_CTA_per_head()
    {
        KernelPlan lstm = KernelPlanner.Plan(new KernelPlanRequest(4, 2, 12, 64, KernelDType.BFloat16), GpuProfiles.H100);

        Assert.Equal(KernelKind.Fused, lstm.Kind);
        Assert.Equal(1, lstm.CtasPerHead);
        Assert.False(lstm.UseCluster);
        Assert.Contains("no exchange", lstm.Reason);
        Assert.Contains("Binding: ", lstm.Reason);
        Assert.InRange(lstm.EstimatedMicrosecondsPerStep, 0.05, 2.0);
    }

    [Fact]
    public void Hopper_uses_clusters_for_mid_sized_heads_and_other_GPUs_never_do()
    {
        KernelPlan hopper = KernelPlanner.Plan(new KernelPlanRequest(4, 2, 3, 256, KernelDType.BFloat16), GpuProfiles.H100);
        Assert.Equal(KernelKind.Fused, hopper.Kind);
        Assert.True(hopper.UseCluster);
        Assert.InRange(hopper.CtasPerHead, 2, GpuProfiles.H100.MaxClusterSize);
        Assert.Contains("cluster exchange through DSMEM", hopper.Reason);

        foreach (GpuProfile profile in new[] { GpuProfiles.A100, GpuProfiles.A10, GpuProfiles.L4, GpuProfiles.Rtx4090 })
        {
            KernelPlan plan = KernelPlanner.Plan(new KernelPlanRequest(4, 2, 3, 256, KernelDType.BFloat16), profile);
            Assert.False(plan.UseCluster);
        }
    }

    [Fact]
    public void Plans_are_deterministic_values()
    {
        var request = new KernelPlanRequest(3, 1, 1, 768, KernelDType.BFloat16, KernelDirection.Backward);

        KernelPlan first = KernelPlanner.Plan(request, GpuProfiles.H200);
        KernelPlan second = KernelPlanner.Plan(request with { }, GpuProfiles.H200);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, second with { Warps = second.Warps + 1 });
        Assert.Equal(first.GetMacroDefinitions(), second.GetMacroDefinitions());
    }

    [Theory]
    [InlineData(4, 2, 12, 64)]
    [InlineData(4, 2, 48, 16)]
    [InlineData(3, 1, 1, 768)]
    public void Short_steps_request_their_inputs_several_steps_ahead(int gates, int states, int heads, int headSize)
    {
        // A step of the fused forward is shorter than a DRAM round trip, so one step of lead time would leave the
        // step waiting for its own inputs; the model bounds a step below by latency / (stages - 1).
        var request = new KernelPlanRequest(gates, states, heads, headSize, KernelDType.BFloat16);
        KernelPlan plan = KernelPlanner.Plan(request, GpuProfiles.H100);

        Assert.Equal(KernelKind.Fused, plan.Kind);
        Assert.True(plan.InputStages >= 4, $"{plan.InputStages} stages: {plan.Reason}");
        Assert.Contains($"inputs {plan.InputStages - 1} steps ahead", plan.Reason);
        Assert.Contains(new MacroDefinition("FRG_INPUT_STAGES", plan.InputStages), plan.GetMacroDefinitions());
    }

    [Fact]
    public void Macro_definitions_use_the_design_names()
    {
        KernelPlan plan = KernelPlanner.Plan(new KernelPlanRequest(4, 4, 12, 64, KernelDType.Float16, RecurrentState: 0), GpuProfiles.A100);

        IReadOnlyList<MacroDefinition> macros = plan.GetMacroDefinitions();

        Assert.Equal(
            ["FRG_DTYPE", "FRG_GATES", "FRG_STATES", "FRG_REC_STATE", "FRG_HEADS", "FRG_HEAD_SIZE", "FRG_CTAS_PER_HEAD", "FRG_BATCH_TILE", "FRG_WARPS", "FRG_R_REG_TILES", "FRG_USE_CLUSTER", "FRG_STORE_GATES", "FRG_INPUT_STAGES"],
            macros.Select(m => m.Name));
        Assert.Equal([2L, 4, 4, 0, 12, 64], macros.Take(6).Select(m => m.Value));
        Assert.Equal(plan.CtasPerHead, macros.Single(m => m.Name == "FRG_CTAS_PER_HEAD").Value);
        Assert.Equal("#define FRG_DTYPE 2", macros[0].ToDefine());
        Assert.Equal("-DFRG_HEAD_SIZE=64", macros[5].ToCompilerOption());
    }

    [Fact]
    public void Exchange_clusters_add_their_macro_only_when_clusters_share_the_exchange()
    {
        KernelPlan plan = KernelPlanner.Plan(new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16, KernelDirection.Backward), GpuProfiles.H100)
            with { ExchangeCluster = 1 };
        Assert.DoesNotContain(plan.GetMacroDefinitions(), m => m.Name == "FRG_EXCHANGE_CLUSTER");

        IReadOnlyList<MacroDefinition> shared = (plan with { ExchangeCluster = 4 }).GetMacroDefinitions();

        Assert.Equal(4, shared.Single(m => m.Name == "FRG_EXCHANGE_CLUSTER").Value);
        Assert.Equal(plan.GetMacroDefinitions().Count + 1, shared.Count);
    }

    [Fact]
    public void Exchange_clusters_exist_only_with_the_exchange_through_l2_and_divide_the_ctas()
    {
        // Force clusters of 4 on tilings where they cannot apply: one CTA per head, a DSMEM cluster, K not a multiple.
        var request = new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16, KernelDirection.Backward);
        foreach ((int k, int cluster) in new[] { (1, 0), (8, 1), (24, 0), (48, 0), (64, 0) })
        {
            Problem problem = KernelPlanner.BuildModel(request, GpuProfiles.H100);
            problem.AddConstraint("test K", problem.FindVariable("K")!.EqualTo(k));
            problem.AddConstraint("test CLUSTER", problem.FindVariable("CLUSTER")!.EqualTo(cluster));
            problem.AddConstraint("test XC", problem.FindVariable("XC")!.EqualTo(4));
            bool allowed = cluster == 0 && k > 4 && k % 4 == 0;
            Assert.Equal(allowed, ConstraintSolver.Solve(problem).HasSolution);
        }
    }

    [Fact]
    public void Profiles_without_clusters_never_share_an_exchange()
    {
        var request = new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16, KernelDirection.Backward);
        Problem problem = KernelPlanner.BuildModel(request, GpuProfiles.A100);
        problem.AddConstraint("test XC", problem.FindVariable("XC")!.EqualTo(2));
        Assert.False(ConstraintSolver.Solve(problem).HasSolution);
    }

    [Fact]
    public void Stored_gates_follow_the_request()
    {
        var forward = new KernelPlanRequest(4, 2, 12, 64, KernelDType.BFloat16);
        var backward = forward with { Direction = KernelDirection.Backward };

        // The templates recompute gates in a separate pass when they are not stored, so storing never costs the
        // recurrence anything: forward and backward agree with the request.
        Assert.True(KernelPlanner.Plan(forward, GpuProfiles.H100).StoreGates);
        Assert.True(KernelPlanner.Plan(backward, GpuProfiles.H100).StoreGates);
        Assert.False(KernelPlanner.Plan(forward with { AllowStoredGates = false }, GpuProfiles.H100).StoreGates);
        Assert.False(KernelPlanner.Plan(backward with { AllowStoredGates = false }, GpuProfiles.H100).StoreGates);
        Assert.Equal(1, KernelPlanner.Plan(backward, GpuProfiles.H100).GetMacroDefinitions().Single(m => m.Name == "FRG_STORE_GATES").Value);
    }

    [Fact]
    public void A_head_size_off_the_MMA_grid_falls_back_and_says_why()
    {
        KernelPlan plan = KernelPlanner.Plan(new KernelPlanRequest(4, 2, 1, 40, KernelDType.BFloat16), GpuProfiles.H100);

        Assert.Equal(KernelKind.Alternating, plan.Kind);
        Assert.Equal("head size is a multiple of 16", plan.LimitingResource);
        Assert.Contains("head size is a multiple of 16: DH % 16 == 0", plan.Conflict);
        Assert.Equal(32, plan.LargestFusedHeadSize);
        Assert.Equal(["FRG_DTYPE", "FRG_GATES", "FRG_STATES", "FRG_REC_STATE", "FRG_HEADS", "FRG_HEAD_SIZE"], plan.GetMacroDefinitions().Select(m => m.Name));
    }

    [Theory]
    [InlineData(12, 64, KernelDirection.Forward)]
    [InlineData(12, 64, KernelDirection.Backward)]
    [InlineData(1, 768, KernelDirection.Forward)]
    [InlineData(1, 768, KernelDirection.Backward)]
    public void Single_tf32_products_ask_the_kernel_for_them_and_plan_with_half_the_registers_per_tile(int heads, int headSize, KernelDirection direction)
    {
        var accurate = new KernelPlanRequest(4, 2, heads, headSize, KernelDType.Float32, direction);
        KernelPlan threeTf32 = KernelPlanner.Plan(accurate, GpuProfiles.H100);
        KernelPlan tf32 = KernelPlanner.Plan(accurate with { Float32Products = Float32Products.Tf32 }, GpuProfiles.H100);

        Assert.Equal(KernelKind.Fused, tf32.Kind);
        Assert.Contains(tf32.GetMacroDefinitions(), m => m.Name == "FRG_FP32_FAST_MMA" && m.Value == 1);
        Assert.DoesNotContain(threeTf32.GetMacroDefinitions(), m => m.Name == "FRG_FP32_FAST_MMA");
        // A third of the tensor-core work and half of R's registers can only make the best plan faster.
        Assert.True(tf32.EstimatedMicrosecondsPerStep <= threeTf32.EstimatedMicrosecondsPerStep,
            $"TF32 {tf32.EstimatedMicrosecondsPerStep} us/step vs 3xTF32 {threeTf32.EstimatedMicrosecondsPerStep}");
        Assert.NotEqual(threeTf32.Request, tf32.Request);
    }

    [Theory]
    [InlineData(KernelDType.BFloat16)]
    [InlineData(KernelDType.Float16)]
    public void Tf32_products_are_refused_for_16_bit_storage(KernelDType dtype)
    {
        var request = new KernelPlanRequest(4, 2, 12, 64, dtype, Float32Products: Float32Products.Tf32);
        var error = Assert.Throws<ArgumentOutOfRangeException>(request.Validate);
        Assert.Equal("Float32Products", error.ParamName);
        Assert.Contains("Float32 kernels only", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelPlanRequest(4, 2, 12, 64, KernelDType.Float32, Float32Products: (Float32Products)7).Validate());
    }

    [Fact]
    public void Too_large_heads_name_the_resource_and_the_largest_size_that_fits()
    {
        KernelPlan plan = KernelPlanner.Plan(new KernelPlanRequest(4, 2, 1, 2048, KernelDType.Float32), GpuProfiles.A10);

        Assert.Equal(KernelKind.Alternating, plan.Kind);
        Assert.NotNull(plan.LimitingResource);
        Assert.Contains(plan.LimitingResource, plan.Conflict);
        Assert.Matches("is at least|cannot hold", plan.Conflict);  // a bound argument or a direct domain conflict
        Assert.Contains("The largest head size that fits fused is", plan.Reason);
        int largest = Assert.IsType<int>(plan.LargestFusedHeadSize);
        Assert.Equal(KernelKind.Fused, KernelPlanner.Plan(plan.Request with { HeadSize = largest }, GpuProfiles.A10).Kind);
        Assert.Equal(KernelKind.Alternating, KernelPlanner.Plan(plan.Request with { HeadSize = largest + 16 }, GpuProfiles.A10).Kind);
    }

    /// <summary>
    /// The design's model does not fuse LSTM bf16 at head size 2560 on an H100 (FlashRNN's reported reach), and this
    /// test pins down exactly why. One head's R is 2560 x 10240 bf16 = 52,428,800 bytes.
    /// <list type="bullet">
    /// <item>Clusters hold at most 16 CTAs, so a CTA would hold 3.3 MB of R: far beyond an SM.</item>
    /// <item>The exchange through L2 needs every CTA resident: ceil(16 / BT) * K &lt;= 132 * (CTAs per SM). K must divide 640
    /// (K | 2560 and 16 | 4 * 2560 / K), so with one CTA per SM K &lt;= 128 with BT = 16 (K = 64 with BT = 8); two CTAs
    /// per SM (K = 160) would need 2 x 327,680 bytes of R in one SM's 256 KB of registers and 228 KB of shared memory.</item>
    /// <item>At K = 128 a CTA holds 800 R tiles (409,600 bytes). With 8 warps, 255 registers per thread (64 base, 8
    /// accumulators, 4 for states) leave room for 44 tiles per warp: 352 tiles (180,224 bytes) in registers and 448
    /// (229,376 bytes) in shared memory, beside the double-buffered s_rec (2 x 16 x (2560 + 8) x 2 = 164,352 bytes):
    /// over the 232,448 bytes a block may have.</item>
    /// </list>
    /// The largest LSTM bf16 head that fits fused is 1584 (2096 before the model counted the accumulator sets a warp
    /// with one accumulator tile spreads its reduction over, 2048 before it counted that warps of different batch
    /// tiles hold copies of the same R tiles, so that registers hold fewer distinct tiles than warps times tiles).
    /// </summary>
    [Fact]
    public void H100_LSTM_bf16_2560_does_not_fit_the_design_and_the_test_shows_why()
    {
        var request = new KernelPlanRequest(4, 2, 1, 2560, KernelDType.BFloat16);

        KernelPlan plan = KernelPlanner.Plan(request, GpuProfiles.H100);

        Assert.Equal(KernelKind.Alternating, plan.Kind);
        Assert.Equal(1584, plan.LargestFusedHeadSize);
        Assert.Equal(KernelKind.Fused, KernelPlanner.Plan(request with { HeadSize = 1584 }, GpuProfiles.H100).Kind);
        Assert.Contains("co-resident grid for the exchange through L2", plan.Conflict);
        Assert.Contains("cluster size", plan.Conflict);

        // The arithmetic of the summary, checked on the model itself: at K = 128 and BT = 16 (the most CTAs the
        // exchange through L2 allows) the smallest shared memory any warp/register split needs exceeds the block limit.
        Problem model = KernelPlanner.BuildModel(request, GpuProfiles.H100);
        model.AddConstraint("pin K", model.FindVariable("K")!.EqualTo(128));
        model.AddConstraint("pin BT", model.FindVariable("BT")!.EqualTo(16));
        model.AddConstraint("pin grid mode", model.FindVariable("CLUSTER")!.EqualTo(0));
        var withoutSharedMemoryLimits = RemoveConstraints(model, "shared memory per block", "shared memory per SM");
        withoutSharedMemoryLimits.Minimize(withoutSharedMemoryLimits.FindVariable("SMEM")!);
        SolveResult smallest = ConstraintSolver.Solve(withoutSharedMemoryLimits);
        Assert.Equal(SolveStatus.Optimal, smallest.Status);
        long w = smallest.Solution!["W"], rt = smallest.Solution["RT"], stages = smallest.Solution["STAGES"];
        // The warps must split the 5 M tiles x 2 batch tiles evenly; 5 warps keep 255 registers a thread, 10 only 168
        // (the register file's banks hold 3 of 10 warps each).
        Assert.Equal(5, w);
        Assert.Equal(800, smallest.Solution["TILES"]);
        Assert.Equal((800 - (w * rt)) * 512, smallest.Solution["R_SMEM"]);
        Assert.True((800 - (w * rt)) * 512 > 190_000, "most of R stays in shared memory: registers hold the rest");
        Assert.True(smallest.Objective > GpuProfiles.H100.SharedMemoryPerBlockOptIn, $"smallest SMEM {smallest.Objective}");
        // R in shared memory + s_rec x 2 + the staged Wx ring (STAGES x 16 x (80 + 8) x 2) + the gates meeting in
        // shared memory (U = 20 is not a multiple of 8: 1 reduction warp x 80 x 17 x 4) + alignment slack.
        Assert.Equal(((800 - (w * rt)) * 512) + 164_352 + (stages * 2_816) + 5_440 + 96, smallest.Objective);
    }

    [Fact]
    public void The_model_round_trips_through_the_text_format()
    {
        var request = new KernelPlanRequest(3, 1, 2, 384, KernelDType.Float16, KernelDirection.Backward);
        Problem model = KernelPlanner.BuildModel(request, GpuProfiles.L4);

        ParseResult parsed = ProblemParser.Parse(ProblemWriter.Write(model));

        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        SolveResult direct = ConstraintSolver.Solve(model);
        SolveResult viaText = ConstraintSolver.Solve(parsed.Problem!);
        Assert.Equal(direct.Objective, viaText.Objective);
        Assert.Equal(direct.Solution!.Values, viaText.Solution!.Values);
        Assert.Equal(KernelPlanner.Plan(request, GpuProfiles.L4).EstimatedMicrosecondsPerStep, Math.Round(direct.Objective!.Value / (double)GpuProfiles.L4.ClockMHz, 4));
    }

    /// <summary>
    /// LSTM 1x768 on an H100: with the tagged exchange through L2 (gpu-run-41/42: 1.7-1.9 us per step with 32-64 CTAs
    /// per head against 2.75 for the 16-CTA cluster) the planner leaves the cluster, whose CTAs must hold R partly in
    /// shared memory, for more CTAs with R in registers; in the forward, and in the backward since its partial sums
    /// travel as tagged words too (TaggedPartials).
    /// </summary>
    [Theory]
    [InlineData(KernelDirection.Forward)]
    [InlineData(KernelDirection.Backward)]
    public void H100_LSTM_1x768_exchanges_tagged_words_through_L2_instead_of_the_cluster(KernelDirection direction)
    {
        var request = new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16, direction);
        KernelPlan plan = KernelPlanner.Plan(request, GpuProfiles.H100);

        Assert.Equal(KernelKind.Fused, plan.Kind);
        Assert.False(plan.UseCluster, plan.Reason);
        Assert.True(plan.CtasPerHead > GpuProfiles.H100.MaxClusterSize, plan.Reason);
        Assert.Contains("tagged words", plan.Reason);
        Problem clusterOnly = KernelPlanner.BuildModel(request, GpuProfiles.H100);
        clusterOnly.AddConstraint("pin cluster", clusterOnly.FindVariable("CLUSTER")!.EqualTo(1));
        SolveResult bestCluster = ConstraintSolver.Solve(clusterOnly);
        Assert.True(plan.EstimatedMicrosecondsPerStep * GpuProfiles.H100.ClockMHz < bestCluster.Objective!.Value,
            $"tagged {plan.EstimatedMicrosecondsPerStep} us vs cluster {bestCluster.Objective} cycles");
    }

    /// <summary>
    /// The backward's split by rows against its measured alternatives on an H100 (bench/NOTES.md section 15): at 1x768
    /// it beat the column split through L2 (LSTM 2.8-3.0 against 4.37 us/step, GRU 2.2-2.4 against 3.98; gpu-run-54
    /// to -56) and the 16-CTA cluster (4.39, run 47), so ConstrINT picks it for LSTM and GRU; LSTM 3x256 ran faster in
    /// clusters of 8 (1.77 us/step) than split by rows (2.29-2.47, gpu-run-55) or in clusters of 4 (2.04, gpu-run-56).
    /// </summary>
    [Theory]
    [InlineData(4, 2, 1, 768, true, 64)]
    [InlineData(3, 1, 1, 768, true, 64)]
    [InlineData(4, 2, 3, 256, false, 8)]
    public void H100_backward_splits_by_rows_where_it_measured_faster(int gates, int states, int heads, int headSize, bool rows, int ctas)
    {
        var request = new KernelPlanRequest(gates, states, heads, headSize, KernelDType.BFloat16, KernelDirection.Backward);
        KernelPlan plan = KernelPlanner.Plan(request, GpuProfiles.H100);

        Assert.Equal(KernelKind.Fused, plan.Kind);
        Assert.Equal(rows, plan.BackwardRows);
        Assert.Equal(ctas, plan.CtasPerHead);
        Assert.Equal(!rows, plan.UseCluster);
        Assert.Equal(rows, plan.GetMacroDefinitions().Contains(new MacroDefinition("FRG_BACKWARD_ROWS", 1)));
        Assert.Equal(rows, plan.Reason.Contains("split by rows of R", StringComparison.Ordinal));
    }

    [Fact]
    public void Explaining_a_choice_proves_nothing_is_faster()
    {
        string explanation = KernelPlanner.ExplainChoice(new KernelPlanRequest(4, 2, 12, 64, KernelDType.BFloat16), GpuProfiles.H100);

        Assert.Contains("Every faster plan violates at least one of: ", explanation);
    }

    [Theory]
    [InlineData(0, 1, 1, 64, "Gates")]
    [InlineData(4, 0, 1, 64, "States")]
    [InlineData(4, 2, 0, 64, "Heads")]
    [InlineData(4, 2, 1, 0, "HeadSize")]
    public void Invalid_requests_name_the_field(int gates, int states, int heads, int headSize, string field)
    {
        var request = new KernelPlanRequest(gates, states, heads, headSize, KernelDType.BFloat16);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelPlanner.Plan(request, GpuProfiles.H100));

        Assert.Equal(field, error.ParamName);
        Assert.Contains($"KernelPlanRequest.{field}", error.Message);
    }

    private static void AssertFits(KernelPlan plan, GpuProfile profile)
    {
        KernelPlanRequest r = plan.Request;
        string where = $"{profile.Id} {r}";
        // The templates' static_asserts (templates/README.md, "tiling rules"): DH % 16, K | DH, U even, (G U) % 16
        // (the forward also takes U % 8 == 0, padding an odd G's last half tile; the backward split by rows pads its
        // last M tile of units instead).
        int units = r.HeadSize / plan.CtasPerHead;
        bool gateColumns = r.Gates * units % 16 == 0 || (r.Direction == KernelDirection.Forward && units % 8 == 0) || plan.BackwardRows;
        Assert.True(r.HeadSize % 16 == 0 && r.HeadSize % plan.CtasPerHead == 0 && units % 2 == 0 && gateColumns, where);
        Assert.Contains(plan.BatchTile, new[] { 8, 16, 32, 64 });
        Assert.InRange(plan.Warps, 4, 16);
        Assert.InRange(plan.SharedMemoryBytes, 1, profile.SharedMemoryPerBlockOptIn);
        Assert.InRange(plan.EstimatedRegistersPerThread, 1, profile.MaxRegistersPerThread);
        Assert.True(plan.CtasPerMultiprocessor * (plan.SharedMemoryBytes + profile.ReservedSharedMemoryPerBlock) <= profile.SharedMemoryPerMultiprocessor, where);
        Assert.True(!plan.UseCluster || (plan.CtasPerHead > 1 && plan.CtasPerHead <= profile.MaxClusterSize), where);
        if (plan.CtasPerHead > 1 && !plan.UseCluster)
        {
            Assert.True(plan.GridCtas <= profile.MultiprocessorCount * plan.CtasPerMultiprocessor, $"the exchange through L2 needs a co-resident grid: {where}");
        }

        Assert.True(plan.EstimatedMicrosecondsPerStep > 0, where);
        Assert.Null(plan.Conflict);
        Assert.Contains(plan.InputStages, new[] { 2, 3, 4, 6, 8 });
        Assert.Equal(13 + (plan.ExchangeCluster > 1 ? 1 : 0) + (plan.BackwardRows ? 1 : 0), plan.GetMacroDefinitions().Count);
        if (plan.BackwardRows)
        {
            // The split by rows is a backward with the exchange through L2, without exchange clusters.
            Assert.True(r.Direction == KernelDirection.Backward && plan.CtasPerHead > 1 && !plan.UseCluster && plan.ExchangeCluster == 1, where);
        }

        if (plan.ExchangeCluster > 1)
        {
            Assert.True(plan.CtasPerHead > plan.ExchangeCluster && plan.CtasPerHead % plan.ExchangeCluster == 0 && !plan.UseCluster, where);
        }
    }

    private static void AssertExplained(KernelPlan plan, GpuProfile profile)
    {
        string where = $"{profile.Id} {plan.Request}";
        Assert.False(string.IsNullOrEmpty(plan.LimitingResource), where);
        Assert.Contains(plan.LimitingResource!, plan.Conflict);
        Assert.StartsWith($"Alternating on {profile.Id}", plan.Reason);
        if (plan.LargestFusedHeadSize is int largest)
        {
            Assert.True(largest < plan.Request.HeadSize && largest % 16 == 0, where);
        }
    }

    private static Problem RemoveConstraints(Problem source, params string[] names)
    {
        // Rebuild through the text format without the named constraints (problems are append-only).
        string[] lines = ProblemWriter.Write(source).Split('\n')
            .Where(line => !names.Any(name => line.StartsWith(ProblemWriter.Label(name) + ":", StringComparison.Ordinal)))
            .ToArray();
        ParseResult parsed = ProblemParser.Parse(string.Join("\n", lines));
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        return parsed.Problem!;
    }
}
