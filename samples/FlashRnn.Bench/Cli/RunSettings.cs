using System.ComponentModel;
using FlashRnn.Bench.Sweep;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashRnn.Bench.Cli;

/// <summary>The options of <c>run</c>.</summary>
internal sealed class RunSettings : CommandSettings
{
    [CommandOption("--quick")]
    [Description("The targets.md rows only (LSTM 1x768 and 12x64, GRU 1x768, sLSTM 12x64 in bf16, fw and fwbw; the LSTM head-size sweep fw; LSTM 12x64 in fp32 and fp16): estimated at 1-3 minutes on an H200 with --baselines.")]
    public bool Quick { get; init; }

    [CommandOption("--preset <NAME>")]
    [Description("default (the paper's sweeps: head size, batch, sequence length; the other cells, dtypes and the alternating kernel) or quick. With a preset, the selection options below filter it; without one they span a grid.")]
    public string? Preset { get; init; }

    [CommandOption("--cells <LIST>")]
    [Description("Cells: lstm, gru, slstm, elman (comma-separated).")]
    public string? Cells { get; init; }

    [CommandOption("--dtypes <LIST>")]
    [Description("Storage dtypes: bf16, fp16, fp32, tf32 (float32 with single TF32 products, RnnKernelOptions.Float32Products).")]
    public string? DTypes { get; init; }

    [CommandOption("--layouts <LIST>")]
    [Description("Head layouts NHxDH, e.g. 48x16,12x64,1x768 (grid default: the paper's six at 768 hidden units).")]
    public string? Layouts { get; init; }

    [CommandOption("--batches <LIST>")]
    [Description("Batch sizes; a..b doubles from a to b, e.g. 2..256 (grid default: 16).")]
    public string? Batches { get; init; }

    [CommandOption("--seq <LIST>")]
    [Description("Sequence lengths T; a..b doubles (grid default: 1024).")]
    public string? Seq { get; init; }

    [CommandOption("--modes <LIST>")]
    [Description("fw (forward), fwbw (forward + backward) (grid default: both).")]
    public string? Modes { get; init; }

    [CommandOption("--kernels <LIST>")]
    [Description("auto, fused, alternating (grid default: auto).")]
    public string? Kernels { get; init; }

    [CommandOption("--warmup <N>")]
    [Description("Untimed calls at full size before the timed ones (after the check call, which compiles).")]
    [DefaultValue(3)]
    public int Warmup { get; init; }

    [CommandOption("--reps <N>")]
    [Description("Timed repetitions; the median is reported, with min and p10/p90.")]
    [DefaultValue(20)]
    public int Reps { get; init; }

    [CommandOption("--check-steps <N>")]
    [Description("Sequence length of the correctness check against the float64 CPU reference.")]
    [DefaultValue(8)]
    public int CheckSteps { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed of the random inputs.")]
    [DefaultValue(2024)]
    public int Seed { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Output folder: results.json, results.md, baselines.log and the PNG plots.")]
    [DefaultValue("bench-out")]
    public string Out { get; init; } = "bench-out";

    [CommandOption("--baselines")]
    [Description("Also measure cuDNN through PyTorch (the device kit's cudnn_rnn.py) in this run and report every row's speedup over it.")]
    public bool Baselines { get; init; }

    [CommandOption("--baselines-script <PATH>")]
    [Description("The baseline script (default: .device/baselines/cudnn_rnn.py, else ../baselines/ beside this app).")]
    public string? BaselinesScript { get; init; }

    [CommandOption("--python <COMMAND>")]
    [Description("The Python interpreter for the baselines.")]
    [DefaultValue("python3")]
    public string Python { get; init; } = "python3";

    [CommandOption("--baselines-timeout <SECONDS>")]
    [Description("Time limit of the whole baseline run; what came back before it is kept.")]
    [DefaultValue(240)]
    public int BaselinesTimeout { get; init; }

    [CommandOption("--loop-baseline")]
    [Description("Also time the plain PyTorch time loop (cudnn_rnn.py --impl both): seconds per configuration.")]
    public bool LoopBaseline { get; init; }

    [CommandOption("--no-precompile")]
    [Description("Do not compile the kernels ahead on all cores: each configuration's first call compiles its own, one at a time.")]
    public bool NoPrecompile { get; init; }

    [CommandOption("--skip-compile-time")]
    [Description("Skip the first-call measurement in fresh processes with an empty and a warm kernel cache (LSTM 12x64 bf16 fwbw).")]
    public bool SkipCompileTime { get; init; }

    [CommandOption("--time-limit <SECONDS>")]
    [Description("Seconds after which no further configuration starts (the rest are reported as skipped), so that a run fits a 10-minute device command.")]
    [DefaultValue(420)]
    public int TimeLimit { get; init; }

    [CommandOption("--case-timeout <SECONDS>")]
    [Description("A configuration still running after this long is taken for a hung kernel: the results so far are written and the run exits (code 3).")]
    [DefaultValue(120)]
    public int CaseTimeout { get; init; }

    [CommandOption("--no-plots")]
    [Description("Write no PNGs.")]
    public bool NoPlots { get; init; }

    [CommandOption("--list")]
    [Description("Print the configurations, the baseline commands and the compile-time probe, and exit without measuring (no GPU needed).")]
    public bool List { get; init; }

    /// <summary>The parsed sweep (valid after <see cref="Validate"/>).</summary>
    public SweepArguments Sweep() => SweepArguments.Parse(Quick, Preset, Cells, DTypes, Layouts, Batches, Seq, Modes, Kernels);

    public override ValidationResult Validate()
    {
        try
        {
            _ = Sweep();
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error(e.Message);
        }
        if (Warmup < 0) return ValidationResult.Error($"--warmup must be 0 or more, got {Warmup}.");
        if (Reps < 1) return ValidationResult.Error($"--reps must be at least 1, got {Reps}.");
        if (CheckSteps < 1) return ValidationResult.Error($"--check-steps must be at least 1, got {CheckSteps}.");
        if (TimeLimit < 1) return ValidationResult.Error($"--time-limit must be at least 1 second, got {TimeLimit}.");
        if (CaseTimeout < 1) return ValidationResult.Error($"--case-timeout must be at least 1 second, got {CaseTimeout}.");
        if (BaselinesTimeout < 1) return ValidationResult.Error($"--baselines-timeout must be at least 1 second, got {BaselinesTimeout}.");
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out needs a folder.");
        return ValidationResult.Success();
    }
}
