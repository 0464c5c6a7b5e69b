using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Tests;

public class TargetsTests
{
    [Fact]
    public void Absolute_targets_are_read_off_the_matching_rows()
    {
        BenchRow[] rows =
        [
            Samples.Row("lstm", "bf16", 1, 768, "fw", 0.9),
            Samples.Row("lstm", "bf16", 1, 768, "fwbw", 3.5),
            Samples.Row("lstm", "bf16", 12, 64, "fw", 0.6, batch: 32), // not B=16: no target
            Samples.Row("slstm", "bf16", 12, 64, "fw", 0.55),
        ];
        IReadOnlyList<TargetRecord> targets = TargetsEvaluator.Evaluate(rows, null);
        Assert.Equal(true, targets.Single(t => t.Case == "LSTM 1x768 bf16 fw").Met);
        Assert.Equal(false, targets.Single(t => t.Case == "LSTM 1x768 bf16 fwbw").Met);
        Assert.Equal(true, targets.Single(t => t.Case == "sLSTM 12x64 bf16 fw").Met);
        Assert.DoesNotContain(targets, t => t.Case.StartsWith("LSTM 12x64", StringComparison.Ordinal));
        // Half of FlashRNN's 4.6 ms at 1x768.
        TargetRecord versusFlashRnn = targets.Single(t => t.Case == "LSTM 1x768 bf16 fw vs FlashRNN");
        Assert.Equal("<= 2.3 ms (0.5x FlashRNN's 4.6 on an H100)", versusFlashRnn.Target);
        Assert.Equal(true, versusFlashRnn.Met);
    }

    [Fact]
    public void Other_dtypes_are_compared_with_bf16()
    {
        BenchRow[] rows = [Samples.Row("lstm", "bf16", 12, 64, "fw", 0.4), Samples.Row("lstm", "fp32", 12, 64, "fw", 0.8), Samples.Row("lstm", "fp16", 12, 64, "fw", 0.44)];
        IReadOnlyList<TargetRecord> targets = TargetsEvaluator.Evaluate(rows, null);
        Assert.Equal(false, targets.Single(t => t.Case == "lstm 12x64 fp32 fw vs bf16").Met);
        TargetRecord fp16 = targets.Single(t => t.Case == "lstm 12x64 fp16 fw vs bf16");
        Assert.Equal(true, fp16.Met);
        Assert.Equal("0.44 ms = 1.10x bf16", fp16.Measured);
    }

    [Fact]
    public void Rows_without_timing_answer_nothing()
    {
        BenchRow failed = Samples.Row("lstm", "bf16", 1, 768, "fw", null, status: RowStatus.CheckFailed);
        Assert.Empty(TargetsEvaluator.Evaluate([failed], null));
    }

    [Fact]
    public void Compile_time_targets_use_the_cold_and_warm_processes()
    {
        var record = new CompileTimeRecord("lstm bf16 12x64", new CompileProbeRecord(1500, 3, 0, 1200, 700, 2.0, []),
            new CompileProbeRecord(40, 0, 3, 0, 0, 2.0, []), null);
        IReadOnlyList<TargetRecord> targets = TargetsEvaluator.Evaluate([], record);
        Assert.Equal([false, true], targets.Select(t => t.Met));
        Assert.StartsWith("first call 1500 ms (3 kernels compiled: 1200 ms of NVRTC over all threads, longest 700 ms)", targets[0].Measured);
    }

    [Fact]
    public void The_first_call_target_is_its_wall_time_even_when_parallel_compilations_sum_to_more()
    {
        var record = new CompileTimeRecord("lstm bf16 12x64", new CompileProbeRecord(700, 3, 0, 1500, 650, 2.0, []), null, null);
        TargetRecord cold = Assert.Single(TargetsEvaluator.Evaluate([], record));
        Assert.True(cold.Met);
        Assert.Equal("<= 1000 ms", cold.Target);
    }
}
