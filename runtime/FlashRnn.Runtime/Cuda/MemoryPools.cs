using System.Collections.Concurrent;
using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// The devices' default stream-ordered memory pools, set to keep freed memory for reuse (their release threshold
/// raised from 0, which hands memory back to the driver at every synchronisation, to "never").
/// </summary>
internal static class MemoryPools
{
    private const int ReleaseThresholdAttribute = 4; // CU_MEMPOOL_ATTR_RELEASE_THRESHOLD (cuuint64_t)
    private static readonly ConcurrentDictionary<CudaContext, bool> s_configured = new();

    public static unsafe void KeepReleasedMemory(CudaContext context)
    {
        if (s_configured.ContainsKey(context)) return;
        CudaException.Check(DriverApi.DeviceGetDefaultMemPool(out nint pool, context.Device.Handle), "cuDeviceGetDefaultMemPool");
        ulong threshold = ulong.MaxValue;
        CudaException.Check(DriverApi.MemPoolSetAttribute(pool, ReleaseThresholdAttribute, &threshold), "cuMemPoolSetAttribute");
        s_configured[context] = true;
    }
}
