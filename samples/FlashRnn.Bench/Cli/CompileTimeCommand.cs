using FlashRnn.Bench.CompileTime;
using FlashRnn.Bench.Results;
using FlashRnn.Cuda;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashRnn.Bench.Cli;

/// <summary>
/// <c>compile-time</c>: the first call of one configuration (default: the declared LSTM 12x64 bf16, fw + bw) in a
/// fresh process with an empty kernel cache folder, then in another fresh process with the folder it filled.
/// </summary>
internal sealed class CompileTimeCommand : Command<ConfigurationSettings>
{
    protected override int Execute(CommandContext context, ConfigurationSettings settings, CancellationToken cancellationToken)
    {
        if (!CudaDevice.IsAvailable)
        {
            ConsoleOutput.Error($"no usable CUDA device: {CudaDevice.UnavailableReason}");
            AnsiConsole.WriteLine("compile-time measures a first GPU call, so nothing was measured.");
            return 2;
        }
        CompileTimeRecord record = CompileTimeMeasurement.Run(settings.Case(), settings.Seed, text => AnsiConsole.WriteLine(text));
        if (record.Error is not null)
        {
            ConsoleOutput.Error(record.Error);
            return 1;
        }

        var table = new Table().Title($"[bold]First call: {Markup.Escape(record.Configuration)}[/]").Border(TableBorder.Rounded)
            .AddColumn("process").AddColumn(new TableColumn("first call ms").RightAligned()).AddColumn(new TableColumn("NVRTC ms").RightAligned())
            .AddColumn(new TableColumn("compiled").RightAligned()).AddColumn(new TableColumn("from disk").RightAligned())
            .AddColumn(new TableColumn("longest NVRTC ms").RightAligned()).AddColumn(new TableColumn("second call ms").RightAligned());
        void Row(string name, CompileProbeRecord p) => table.AddRow(Markup.Escape(name), $"{p.FirstCallMs:F0}", $"{p.NvrtcMs:F0}", $"{p.Compiled}",
            $"{p.FromDisk}", $"{p.LongestNvrtcMs:F0}", $"{p.SecondCallMs:F1}");
        Row("empty cache folder", record.Cold!);
        Row("warm disk cache (new process)", record.Warm!);
        AnsiConsole.Write(table);
        foreach (string kernel in record.Cold!.Kernels) AnsiConsole.MarkupLine($"[dim]  {Markup.Escape(kernel)}[/]");
        AnsiConsole.MarkupLine("targets.md: at most 1 s of NVRTC for a declared size's first call, none once cached.");
        return 0;
    }
}

/// <summary>The child process of <c>compile-time</c> (hidden): one first call, printed as a JSON line.</summary>
internal sealed class CompileTimeProbeCommand : Command<ConfigurationSettings>
{
    protected override int Execute(CommandContext context, ConfigurationSettings settings, CancellationToken cancellationToken)
    {
        if (!CudaDevice.IsAvailable)
        {
            Console.Error.WriteLine($"no usable CUDA device: {CudaDevice.UnavailableReason}");
            return 2;
        }
        CompileProbeRecord record = CompileTimeProbe.Run(settings.Case(), settings.Seed);
        Console.WriteLine(CompileTimeProbe.OutputPrefix + System.Text.Json.JsonSerializer.Serialize(record, ResultsJson.SingleLineOptions));
        return 0;
    }
}
