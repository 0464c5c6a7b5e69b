using System.Globalization;
using FlashRnn.Cuda;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlashRnn.Bench.Info;

/// <summary>One device's resources, as the kernel planner sees them.</summary>
internal static class DeviceReport
{
    public static IRenderable Render(CudaDevice device)
    {
        var table = new Table().Title($"[bold]Device {device.Ordinal}: {Markup.Escape(device.Name)}[/]").Border(TableBorder.Rounded)
            .AddColumn("property").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("compute capability", $"{device.ComputeCapability} (sm_{device.ComputeCapability.Number})");
        Row("SMs", Count(device.MultiprocessorCount));
        Row("memory", Bytes(device.TotalMemoryBytes));
        Row("L2 cache", Bytes(device.L2CacheBytes));
        Row("registers per SM / per block", $"{Count(device.RegistersPerMultiprocessor)} / {Count(device.RegistersPerBlock)}");
        Row("shared memory per SM", Bytes(device.SharedMemoryPerMultiprocessor));
        Row("shared memory per block (default / opt-in / reserved)",
            $"{Bytes(device.SharedMemoryPerBlock)} / {Bytes(device.SharedMemoryPerBlockOptIn)} / {Bytes(device.ReservedSharedMemoryPerBlock)}");
        Row("threads per block / per SM", $"{Count(device.MaxThreadsPerBlock)} / {Count(device.MaxThreadsPerMultiprocessor)}");
        Row("blocks per SM", Count(device.MaxBlocksPerMultiprocessor));
        Row("cooperative launch", device.SupportsCooperativeLaunch ? "yes" : "no");
        Row("thread block clusters", device.SupportsClusterLaunch ? "yes (portable size 8)" : "no");
        Row("clocks (SM / memory)", $"{device.ClockRateKHz / 1000} MHz / {device.MemoryClockRateKHz / 1000} MHz, {device.MemoryBusWidthBits}-bit bus");
        Row("PCI", device.PciBusId);
        return table;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F1} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:F0} KiB",
        _ => $"{bytes} B",
    };
}
