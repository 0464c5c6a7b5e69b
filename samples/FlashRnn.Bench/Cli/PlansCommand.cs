using System.ComponentModel;
using System.Text.Json;
using FlashRnn.Bench.PlanSweep;
using FlashRnn.Bench.Sweep;
using FlashRnn.Cuda;
using FlashRnn.Planning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashRnn.Bench.Cli;

/// <summary>Options of <c>plans</c>: one configuration, a direction, repetitions and where to write the JSON.</summary>
internal sealed class PlansSettings : ConfigurationSettings
{
    [CommandOption("--direction <DIR>")]
    [Description("fw (forward kernel) or bw (backward kernel).")]
    [DefaultValue("fw")]
    public string Direction { get; init; } = "fw";

    [CommandOption("--tilings <WHICH>")]
    [Description("all (every candidate tiling, the default) or planner (only ConstrINT's tiling, e.g. to vary --stages).")]
    [DefaultValue("all")]
    public string Tilings { get; init; } = "all";

    [CommandOption("--stages <LIST>")]
    [Description("Input ring depths to time each tiling with, comma-separated (2..16); default: ConstrINT's choice.")]
    public string? Stages { get; init; }

    public bool OnlyPlannersTiling => Tilings.Trim().ToLowerInvariant() == "planner";

    /// <summary>The ring depths to try, or an empty list for the planner's own choice.</summary>
    public IReadOnlyList<int> ParsedStages => string.IsNullOrWhiteSpace(Stages) ? []
        : Stages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v =>
            int.TryParse(v, out int n) && n is >= 2 and <= 16 ? n
                : throw new FormatException($"--stages takes ring depths from 2 to 16, not '{v}'.")).ToArray();

    [CommandOption("--reps <N>")]
    [DefaultValue(10)]
    public int Reps { get; init; }

    [CommandOption("--out <FOLDER>")]
    [DefaultValue("bench-out")]
    public string Out { get; init; } = "bench-out";

    public KernelDirection ParsedDirection => Direction.Trim().ToLowerInvariant() switch
    {
        "fw" or "forward" => KernelDirection.Forward,
        "bw" or "backward" => KernelDirection.Backward,
        _ => throw new FormatException($"--direction must be fw or bw, not '{Direction}'."),
    };

    public override ValidationResult Validate()
    {
        if (Reps < 1) return ValidationResult.Error($"--reps must be positive, got {Reps}.");
        if (Tilings.Trim().ToLowerInvariant() is not ("all" or "planner"))
            return ValidationResult.Error($"--tilings must be all or planner, not '{Tilings}'.");
        try
        {
            _ = ParsedDirection;
            _ = ParsedStages;
        }
        catch (FormatException e)
        {
            return ValidationResult.Error(e.Message);
        }
        return base.Validate();
    }
}

/// <summary>
/// <c>plans</c>: times the fused kernel of one configuration with every candidate tiling next to ConstrINT's choice,
/// to check and calibrate the planner's latency model against the device (bench/NOTES.md).
/// </summary>
internal sealed class PlansCommand : Command<PlansSettings>
{
    protected override int Execute(CommandContext context, PlansSettings settings, CancellationToken cancellationToken)
    {
        ConsoleOutput.WidenWhenRedirected();
        if (!CudaDevice.IsAvailable)
        {
            ConsoleOutput.Error($"no usable CUDA device: {CudaDevice.UnavailableReason}");
            return 2;
        }
        BenchCase c = settings.Case();
        KernelDirection direction = settings.ParsedDirection;
        CudaDevice device = CudaContext.Default.Device;
        KernelPlan planners = c.Cell.Gpu.PlanFor(device, direction, c.Layout.Heads, c.Layout.HeadSize, c.DType.Storage, c.Batch, c.DType.Products);
        if (planners.Kind != KernelKind.Fused)
        {
            ConsoleOutput.Error($"ConstrINT plans no fused kernel for {c.Id} {direction}: {planners.Conflict ?? planners.Reason}");
            return 1;
        }
        IReadOnlyList<KernelPlan> tilings = settings.OnlyPlannersTiling ? [planners]
            : PlanCandidates.For(planners.Request, device.SupportsClusterLaunch ? 16 : 1, planners.InputStages, device.MultiprocessorCount);
        IReadOnlyList<int> stages = settings.ParsedStages;
        IReadOnlyList<KernelPlan> candidates = stages.Count == 0 ? tilings
            : tilings.SelectMany(t => stages.Select(n => t with { InputStages = n, Reason = $"{t.Reason} stages={n}" })).ToArray();
        AnsiConsole.WriteLine($"{c.Id} {direction}: ConstrINT chose {PlanCandidates.Describe(planners)}; timing it and {candidates.Count} candidates on {device.Name}");
        PrecompileOnAllCores(c, direction, candidates, device);

        IReadOnlyList<PlanTime> times = c.DType.Storage switch
        {
            KernelDType.Float32 => PlanTiming.Run<float>(c, direction, planners, candidates, settings.Reps, settings.Seed, AnsiConsole.WriteLine),
            KernelDType.BFloat16 => PlanTiming.Run<BFloat16>(c, direction, planners, candidates, settings.Reps, settings.Seed, AnsiConsole.WriteLine),
            _ => PlanTiming.Run<Half>(c, direction, planners, candidates, settings.Reps, settings.Seed, AnsiConsole.WriteLine),
        };

        var table = new Table().Title($"[bold]{Markup.Escape($"{c.Id} {direction}: fused tilings, median of {settings.Reps}")}[/]")
            .Border(TableBorder.Rounded).AddColumn("tiling").AddColumn(new TableColumn("ms").RightAligned()).AddColumn("note");
        foreach (PlanTime t in times.Where(t => t.Milliseconds is not null).OrderBy(t => t.Milliseconds).Take(12))
            table.AddRow(Markup.Escape(t.Plan), $"{t.Milliseconds:F3}", t.IsPlannersChoice ? "ConstrINT's choice" : "");
        AnsiConsole.Write(table);
        PlanTime? chosen = times.FirstOrDefault(t => t.IsPlannersChoice);
        PlanTime? best = times.Where(t => t.Milliseconds is not null).MinBy(t => t.Milliseconds);
        AnsiConsole.WriteLine($"{times.Count(t => t.Milliseconds is null)} tilings did not run (do not fit the device). " +
                              $"ConstrINT's choice: {chosen?.Milliseconds:F3} ms; best measured: {best?.Plan} {best?.Milliseconds:F3} ms.");

        Directory.CreateDirectory(settings.Out);
        string path = Path.Combine(settings.Out, $"plans-{c.Id}-{(direction == KernelDirection.Forward ? "fw" : "bw")}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            command = "FlashRnn.Bench " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            device = device.Name,
            configuration = c.Id,
            direction = direction.ToString(),
            times,
        }, new JsonSerializerOptions { WriteIndented = true }));
        AnsiConsole.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>
    /// Compiles every candidate's kernel in parallel first: one after another, NVRTC alone took longer than two
    /// minutes for the ~90 candidates of LSTM 1x768 on the GPU machine (bench/results/gpu-run-10).
    /// </summary>
    private static void PrecompileOnAllCores(BenchCase c, KernelDirection direction, IReadOnlyList<KernelPlan> candidates, CudaDevice device)
    {
        string template = direction == KernelDirection.Forward ? Gpu.KernelTemplates.FusedForward : Gpu.KernelTemplates.FusedBackward;
        var target = Nvrtc.CompileTarget.ForArchitecture(device.ComputeCapability);
        Parallel.ForEach(candidates, plan =>
        {
            try { Cache.KernelCache.Default.GetOrCompile(c.Cell.Gpu.Program(template, c.DType.Storage, c.Layout.Heads, c.Layout.HeadSize, plan), target); }
            catch (Nvrtc.NvrtcCompilationException) { } // reported by the timing of that candidate
        });
    }
}
