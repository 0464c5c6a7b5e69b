using System.ComponentModel;
using FlashRnn.Cuda;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashRnn.Bench.Info;

/// <summary>
/// <c>info</c>: what a user diagnosing a setup needs to see. Which CUDA driver and NVRTC files the runtime loaded
/// (and every candidate it tried when one is missing), their versions, the devices with the resources the kernel
/// planner uses, the settings read from the environment, and optionally a compile-and-launch check.
/// </summary>
internal sealed class InfoCommand : Command<InfoCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--check")]
        [Description("Also compile a small kernel with NVRTC through the kernel cache and, when a GPU is present, run it and verify its result.")]
        public bool Check { get; init; }
    }

    protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLine($"[bold]FlashRnn runtime {Markup.Escape(RuntimeInfo.Version)}[/] on .NET {Environment.Version}, {Markup.Escape(System.Runtime.InteropServices.RuntimeInformation.OSDescription)}");
        AnsiConsole.WriteLine();
        AnsiConsole.Write(LibraryReport.Render());
        AnsiConsole.WriteLine();
        AnsiConsole.Write(SettingsReport.Render());
        AnsiConsole.WriteLine();

        if (CudaDevice.IsAvailable)
        {
            foreach (CudaDevice device in CudaDevice.All) AnsiConsole.Write(DeviceReport.Render(device));
        }
        else
        {
            // A missing driver library is already explained in the table above.
            string reason = CudaDriver.Library.IsLoaded ? CudaDevice.UnavailableReason ?? "" : "the CUDA driver library was not found (see above).";
            AnsiConsole.MarkupLine($"[yellow]No usable CUDA device:[/] {Markup.Escape(reason)}");
        }

        if (!settings.Check) return 0;
        AnsiConsole.WriteLine();
        return SetupCheck.Run() ? 0 : 1;
    }
}
