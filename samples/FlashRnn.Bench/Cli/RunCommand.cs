using FlashRnn.Bench.Sweep;
using FlashRnn.Cuda;
using FlashRnn.Gpu;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashRnn.Bench.Cli;

/// <summary>
/// <c>run</c>: measures the sweep on the GPU (see <see cref="SweepRun"/>), or with <c>--list</c> shows what it would
/// measure. Exit code 0 when every configuration ran and passed, 1 when a check failed, a configuration errored or
/// was skipped or the plots failed, 2 when there is no GPU or no NVRTC (nothing is measured or written then).
/// </summary>
internal sealed class RunCommand : Command<RunSettings>
{
    /// <summary>The declared size whose first call targets.md bounds (≤ 1 s NVRTC, 0 s cached).</summary>
    public static BenchCase CompileTimeCase { get; } = new(BenchCell.Parse("lstm"), BenchDType.BF16, new HeadLayout(12, 64),
        SweepPresets.DefaultBatch, SweepPresets.DefaultSteps, BenchMode.ForwardBackward, KernelChoice.Auto) { Series = ["compile-time"] };

    protected override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        ConsoleOutput.WidenWhenRedirected();
        SweepArguments sweep = settings.Sweep();
        IReadOnlyList<BenchCase> cases = sweep.Cases();
        if (cases.Count == 0)
        {
            ConsoleOutput.Error($"no configuration matches ({sweep.Describe()}); leave out --preset/--quick to run the selection as a grid, or check the values with --list.");
            return 1;
        }
        if (settings.List)
        {
            SweepListing.Print(sweep, cases, settings, CompileTimeCase);
            return 0;
        }
        if (!CudaDevice.IsAvailable)
        {
            ConsoleOutput.Error($"no usable CUDA device: {CudaDevice.UnavailableReason}");
            AnsiConsole.WriteLine("`run` measures on a GPU, so nothing was measured or written. `run --list` shows what would run; `plot` draws a results.json from a GPU run.");
            return 2;
        }
        if (!NvrtcCompiler.IsAvailable)
        {
            ConsoleOutput.Error($"NVRTC was not found, so no kernel can be compiled: {string.Join("; ", NvrtcCompiler.Library.Attempts)}");
            AnsiConsole.WriteLine("Install the CUDA toolkit's NVRTC or set FLASHRNN_NVRTC_LIBRARY; `info` shows what was tried.");
            return 2;
        }
        return new SweepRun(settings, sweep, cases, CudaContext.Default.Device).Execute();
    }
}
