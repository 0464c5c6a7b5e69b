using FlashRnn.Cache;
using FlashRnn.Cuda;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlashRnn.Bench.Info;

/// <summary>The environment variables the runtime reads and what they resolve to.</summary>
internal static class SettingsReport
{
    public static IRenderable Render()
    {
        var table = new Table().Title("[bold]Settings[/]").Border(TableBorder.Rounded)
            .AddColumn("variable").AddColumn("value").AddColumn("effect");
        table.AddRow(Variable(CudaContext.DeviceEnvironmentVariable), Value(CudaContext.DeviceEnvironmentVariable), DefaultDevice());
        table.AddRow(Variable(KernelCache.DirectoryEnvironmentVariable), Value(KernelCache.DirectoryEnvironmentVariable),
            Markup.Escape($"kernel cache folder: {KernelCache.DefaultDirectory}"));
        table.AddRow(Variable("FLASHRNN_CUDA_LIBRARY"), Value("FLASHRNN_CUDA_LIBRARY"), "tried first when set");
        table.AddRow(Variable("FLASHRNN_NVRTC_LIBRARY"), Value("FLASHRNN_NVRTC_LIBRARY"), "tried first when set");
        return table;
    }

    private static string Variable(string name) => Markup.Escape(name);

    private static string Value(string name)
        => Environment.GetEnvironmentVariable(name) is { } value ? Markup.Escape(value) : "[dim](unset)[/]";

    private static string DefaultDevice()
    {
        try
        {
            return $"default device: {CudaContext.DefaultDeviceOrdinal}";
        }
        catch (InvalidOperationException e)
        {
            return "[red]" + Markup.Escape(e.Message) + "[/]";
        }
    }
}
