using System.Globalization;
using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// A device's primary CUDA context, shared with any other CUDA code in the process (the CUDA runtime API uses the
/// same one). The runtime makes it current on whichever thread calls it, so callers never manage contexts; it lives
/// until the process exits and is not disposable.
/// </summary>
public sealed class CudaContext
{
    /// <summary>The environment variable that picks the default device by ordinal (for example <c>1</c>).</summary>
    public const string DeviceEnvironmentVariable = "FLASHRNN_DEVICE";

    private static readonly object s_lock = new();
    private static CudaContext?[]? s_contexts;
    private static int? s_defaultOrdinal;

    private CudaContext(CudaDevice device, nint handle)
    {
        Device = device;
        Handle = handle;
    }

    /// <summary>
    /// The context of the default device: the one given to <see cref="SetDefaultDevice"/>, else the ordinal in
    /// <c>FLASHRNN_DEVICE</c>, else device 0. Created on first use.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>FLASHRNN_DEVICE</c> names a device that does not exist.</exception>
    public static CudaContext Default
    {
        get
        {
            int ordinal = DefaultDeviceOrdinal;
            int count = CudaDevice.Count;
            if (count == 0) throw new InvalidOperationException("The CUDA driver reports no devices.");
            if (ordinal >= count)
                throw new InvalidOperationException(
                    $"{DeviceEnvironmentVariable} selects CUDA device {ordinal}, but only devices 0 to {count - 1} exist.");
            return ForDevice(ordinal);
        }
    }

    /// <summary>The ordinal <see cref="Default"/> uses.</summary>
    /// <exception cref="InvalidOperationException"><c>FLASHRNN_DEVICE</c> is set but is not an ordinal.</exception>
    public static int DefaultDeviceOrdinal
    {
        get
        {
            lock (s_lock)
            {
                s_defaultOrdinal ??= ReadDeviceVariable(Environment.GetEnvironmentVariable(DeviceEnvironmentVariable));
                return s_defaultOrdinal.Value;
            }
        }
    }

    /// <summary>Makes <paramref name="ordinal"/> the default device for everything created afterwards.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No device has that ordinal.</exception>
    public static void SetDefaultDevice(int ordinal)
    {
        CudaDevice.Get(ordinal); // validates the ordinal against the devices present
        lock (s_lock) s_defaultOrdinal = ordinal;
    }

    /// <summary>The primary context of device <paramref name="ordinal"/> (the same instance on every call).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No device has that ordinal.</exception>
    public static CudaContext ForDevice(int ordinal)
    {
        CudaDevice device = CudaDevice.Get(ordinal);
        lock (s_lock)
        {
            s_contexts ??= new CudaContext?[CudaDevice.Count];
            if (s_contexts[ordinal] is { } existing) return existing;
            // Retained once and never released: the context must outlive every buffer, module and stream made in it,
            // and the driver tears it down at process exit.
            CudaException.Check(DriverApi.DevicePrimaryCtxRetain(out nint handle, device.Handle), "cuDevicePrimaryCtxRetain");
            return s_contexts[ordinal] = new CudaContext(device, handle);
        }
    }

    /// <summary>The device this context belongs to.</summary>
    public CudaDevice Device { get; }

    internal nint Handle { get; }

    /// <summary>Waits until all work queued in this context has finished.</summary>
    /// <exception cref="CudaException">Queued work failed (the error of an earlier asynchronous launch surfaces here).</exception>
    public void Synchronize()
    {
        MakeCurrent();
        CudaException.Check(DriverApi.CtxSynchronize(), "cuCtxSynchronize");
    }

    /// <summary>Free and total device memory in bytes, as the driver sees them now.</summary>
    public (long FreeBytes, long TotalBytes) GetMemoryInfo()
    {
        MakeCurrent();
        CudaException.Check(DriverApi.MemGetInfo(out nuint free, out nuint total), "cuMemGetInfo_v2");
        return ((long)free, (long)total);
    }

    /// <inheritdoc/>
    public override string ToString() => $"primary context of {Device}";

    /// <summary>
    /// Makes this context current on the calling thread if it is not already. Every runtime call that needs a context
    /// goes through here, so work may move between threads freely.
    /// </summary>
    internal void MakeCurrent()
    {
        CudaException.Check(DriverApi.CtxGetCurrent(out nint current), "cuCtxGetCurrent");
        if (current != Handle) CudaException.Check(DriverApi.CtxSetCurrent(Handle), "cuCtxSetCurrent");
    }

    /// <summary>Parses <c>FLASHRNN_DEVICE</c>; unset or blank means device 0.</summary>
    internal static int ReadDeviceVariable(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return 0;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int ordinal)) return ordinal;
        throw new InvalidOperationException(
            $"{DeviceEnvironmentVariable}='{value}' is not a device ordinal; expected a non-negative integer such as 0 or 1.");
    }
}
