using FlashRnn.Cuda;
using FlashRnn.Native;
using FlashRnn.Nvrtc;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlashRnn.Bench.Info;

/// <summary>How the CUDA driver and NVRTC were resolved: the file loaded, its version, and the candidates tried.</summary>
internal static class LibraryReport
{
    public static IRenderable Render()
    {
        var table = new Table().Title("[bold]Native libraries[/]").Border(TableBorder.Rounded)
            .AddColumn("library").AddColumn("resolution");
        table.AddRow(new Markup("[bold]CUDA driver[/]"), Describe(NativeLibraries.Cuda, DriverVersion));
        table.AddRow(new Markup("[bold]NVRTC[/]"), Describe(NativeLibraries.Nvrtc, NvrtcVersion));
        return table;
    }

    private static IRenderable Describe(NativeLibraryStatus status, Func<string> version)
    {
        var lines = new List<string>();
        if (status.IsLoaded)
        {
            lines.Add($"[green]loaded[/] {Markup.Escape(status.LoadedName!)}");
            if (status.Path is not null) lines.Add($"file    {Markup.Escape(status.Path)}");
            if (status.ResolvedPath is { } resolved && resolved != status.Path) lines.Add($"target  {Markup.Escape(resolved)}");
            lines.Add($"version {Markup.Escape(version())}");
        }
        else
        {
            lines.Add("[red]not found[/]");
        }
        foreach (string attempt in status.Attempts)
            lines.Add($"[dim]tried   {Markup.Escape(attempt)}[/]");
        return new Markup(string.Join('\n', lines));
    }

    private static string DriverVersion()
    {
        try
        {
            return $"CUDA {CudaDriver.Version}";
        }
        catch (CudaException e)
        {
            return e.ErrorName;
        }
    }

    private static string NvrtcVersion()
    {
        try
        {
            IReadOnlyList<int> architectures = NvrtcCompiler.SupportedArchitectures;
            string targets = architectures.Count == 0 ? "" : $", code for sm_{architectures[0]} to sm_{architectures[^1]}";
            return $"NVRTC {NvrtcCompiler.Version}{targets}";
        }
        catch (NvrtcException e)
        {
            return e.Message;
        }
    }
}
