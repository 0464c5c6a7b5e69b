using FlashRnn.Bench.Results;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;

namespace FlashRnn.Bench.Cli;

/// <summary>What results.json records about the machine, the GPU and the native libraries.</summary>
internal static class RunEnvironment
{
    public static MachineRecord Machine()
        => new(Environment.MachineName, System.Runtime.InteropServices.RuntimeInformation.OSDescription, Environment.Version.ToString(),
            Environment.ProcessorCount);

    public static GpuRecord Gpu(CudaDevice device)
        => new(device.Name, device.ComputeCapability.ToString(), device.MultiprocessorCount, device.TotalMemoryBytes, device.L2CacheBytes,
            device.PciBusId);

    /// <summary>The versions; a library that does not load is written as its error, not left out silently.</summary>
    public static VersionsRecord Versions()
    {
        string? driver, nvrtc;
        try { driver = CudaDriver.Version.ToString(); }
        catch (Exception e) when (e is CudaException or Native.NativeLibraryNotFoundException) { driver = $"unavailable: {e.Message.Split('\n')[0]}"; }
        try { nvrtc = NvrtcCompiler.Version.ToString(); }
        catch (Exception e) when (e is NvrtcException or Native.NativeLibraryNotFoundException) { nvrtc = $"unavailable: {e.Message.Split('\n')[0]}"; }
        return new VersionsRecord(RuntimeInfo.Version, driver, nvrtc);
    }

    /// <summary>The command line as typed (arguments with spaces quoted).</summary>
    public static string CommandLine(IEnumerable<string> arguments)
        => "FlashRnn.Bench " + string.Join(' ', arguments.Select(a => a.Contains(' ') || a.Length == 0 ? $"\"{a}\"" : a));
}
