using System.ComponentModel;
using FlashRnn.Bench.Sweep;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashRnn.Bench.Cli;

/// <summary>One configuration on the command line (for <c>compile-time</c>); the default is a declared size of the built-in LSTM.</summary>
internal class ConfigurationSettings : CommandSettings
{
    [CommandOption("--cell <CELL>")]
    [Description("lstm, gru, slstm or elman.")]
    [DefaultValue("lstm")]
    public string Cell { get; init; } = "lstm";

    [CommandOption("--dtype <DTYPE>")]
    [Description("bf16, fp16, fp32 or tf32 (float32 with single TF32 products).")]
    [DefaultValue("bf16")]
    public string DType { get; init; } = "bf16";

    [CommandOption("--layout <NHxDH>")]
    [Description("Heads x head size.")]
    [DefaultValue("12x64")]
    public string Layout { get; init; } = "12x64";

    [CommandOption("--batch <N>")]
    [DefaultValue(16)]
    public int Batch { get; init; }

    [CommandOption("--seq <N>")]
    [DefaultValue(1024)]
    public int Seq { get; init; }

    [CommandOption("--mode <MODE>")]
    [Description("fw or fwbw (fwbw compiles the backward kernels too).")]
    [DefaultValue("fwbw")]
    public string Mode { get; init; } = "fwbw";

    [CommandOption("--kernel <KERNEL>")]
    [Description("auto, fused or alternating.")]
    [DefaultValue("auto")]
    public string Kernel { get; init; } = "auto";

    [CommandOption("--seed <N>")]
    [DefaultValue(2024)]
    public int Seed { get; init; }

    /// <summary>The configuration (valid after <see cref="Validate"/>).</summary>
    public BenchCase Case() => new(BenchCell.Parse(Cell), AxisNames.ParseDType(DType), HeadLayout.Parse(Layout), Batch, Seq,
        AxisNames.ParseMode(Mode), AxisNames.ParseKernel(Kernel)) { Series = ["compile-time"] };

    public override ValidationResult Validate()
    {
        if (Batch < 1 || Seq < 1) return ValidationResult.Error($"--batch and --seq must be positive, got {Batch} and {Seq}.");
        try
        {
            _ = Case();
            return ValidationResult.Success();
        }
        catch (FormatException e)
        {
            return ValidationResult.Error(e.Message);
        }
    }
}
