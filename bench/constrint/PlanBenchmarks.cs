using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using FlashRnn.Planning;

namespace FlashRnn.ConstrInt.Benchmarks;

/// <summary>
/// Time to plan one case: the whole <see cref="KernelPlanner.Plan"/> (solve, reason, and for alternating plans the
/// conflict explanation and the largest fitting head size) and ConstrINT's solve of the model alone. Z3's times on
/// the same models come from "--check" (AgreementCheck), which isolates Z3 in child processes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WideParameterColumn))]
public class PlanBenchmarks
{
    private Problem _model = null!;
    private GpuProfile _profile = null!;

    [ParamsSource(nameof(Cases))]
    public PlanCase Case { get; set; } = null!;

    public static IEnumerable<PlanCase> Cases => PlanCase.All;

    [GlobalSetup]
    public void Setup()
    {
        _profile = GpuProfiles.Get(Case.ProfileId);
        _model = KernelPlanner.BuildModel(Case.Request, _profile);
    }

    [Benchmark(Description = "KernelPlanner.Plan")]
    public KernelPlan Plan() => KernelPlanner.Plan(Case.Request, _profile);

    [Benchmark(Baseline = true, Description = "ConstrINT solve")]
    public SolveResult Solve() => ConstraintSolver.Solve(_model, new SolverOptions { ExplainConflicts = false });
}

/// <summary>Shows case names in full instead of BenchmarkDotNet's 20-character abbreviation.</summary>
public sealed class WideParameterColumn : ManualConfig
{
    public WideParameterColumn() => SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(48);
}
