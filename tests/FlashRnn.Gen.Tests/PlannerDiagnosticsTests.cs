using FlashRnn.Gen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FlashRnn.Gen.Tests;

/// <summary>
/// The planning stage's diagnostics: unknown GPUs in FlashRnnTargetGpus, and declared shapes no fused kernel fits
/// (a warning for GPUs the project names, information for the default set), each on the right attribute.
/// </summary>
public class PlannerDiagnosticsTests
{
    private const string HugeLstm = """
        using FlashRnn;
        [RnnCell(Gates = "i f z o", States = "h c")]
        [Equations("c = sigmoid(f) * c + sigmoid(i) * tanh(z)\nh = sigmoid(o) * tanh(c)")]
        [Specialize(Heads = 1, HeadSize = 8192, DType = RnnDType.BFloat16)]
        public static partial class Huge;
        """;

    [Fact]
    public void Unknown_target_gpu_is_a_warning_naming_the_known_profiles()
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(HugeLstm.Replace("8192", "64"), targetGpus: "h100;b300");
        Diagnostic d = Assert.Single(run.Diagnostics, d => d.Id == "FRG109");
        // A warning (the test compilation treats warnings as errors, as this repository does).
        Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity);
        Assert.Contains("'b300'", d.GetMessage());
        Assert.Contains("h100", d.GetMessage());
    }

    [Fact]
    public void A_shape_no_fused_kernel_fits_is_a_warning_for_a_named_gpu()
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(HugeLstm, targetGpus: "h100");
        Diagnostic forward = Assert.Single(run.Diagnostics, d => d.Id == "FRG150");
        Assert.Equal(DiagnosticSeverity.Warning, forward.DefaultSeverity);
        Assert.NotEqual(DiagnosticSeverity.Info, forward.Severity);
        Assert.Contains("1x8192", forward.GetMessage());
        Assert.Contains("largest head size that fits is", forward.GetMessage());
        Assert.Contains("alternating", forward.GetMessage());
        Assert.Single(run.Diagnostics, d => d.Id == "FRG151");
        // The cell is still generated: the alternating kernel runs that shape.
        Assert.Single(run.GeneratedTrees);
    }

    [Fact]
    public void For_the_default_gpu_set_the_same_shape_is_information()
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(HugeLstm);
        Assert.NotEmpty(run.Diagnostics);
        Assert.All(run.Diagnostics, d =>
        {
            Assert.True(d.Id is "FRG150" or "FRG151", d.ToString());
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        });
    }

    [Fact]
    public void The_plan_table_lists_only_the_named_gpus()
    {
        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(HugeLstm.Replace("8192", "64"), targetGpus: "a100");
        string code = run.GeneratedTrees.Single().GetText(TestContext.Current.CancellationToken).ToString();
        Assert.Contains("ProfileId = \"a100\"", code);
        Assert.DoesNotContain("ProfileId = \"h100\"", code);
    }
}
