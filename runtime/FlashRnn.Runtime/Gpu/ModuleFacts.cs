using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FlashRnn.Cuda;

namespace FlashRnn.Gpu;

/// <summary>
/// Integer facts a kernel module carries in <c>extern "C" __constant__</c> arrays (launch facts, which gate gradient
/// a kernel reads), read from the device once per module and name and then served from memory: a read is a
/// synchronous device-to-host copy, which on every launch would make the host wait for the work queued before it.
/// </summary>
internal static class ModuleFacts
{
    private static readonly ConditionalWeakTable<CudaModule, ConcurrentDictionary<string, int[]>> Cache = new();

    /// <summary>The <paramref name="count"/> ints of global <paramref name="name"/>; do not modify the array.</summary>
    public static int[] ReadInt32s(CudaModule module, string name, int count)
    {
        ConcurrentDictionary<string, int[]> facts = Cache.GetValue(module, _ => new ConcurrentDictionary<string, int[]>(StringComparer.Ordinal));
        int[] values = facts.GetOrAdd(name, key =>
        {
            var read = new int[count];
            module.ReadGlobal<int>(key, read);
            return read;
        });
        if (values.Length != count)
            throw new ArgumentException($"Global '{name}' was read as {values.Length} ints, now asked for {count}.", nameof(count));
        return values;
    }

    /// <summary>The int global <paramref name="name"/>.</summary>
    public static int ReadInt32(CudaModule module, string name) => ReadInt32s(module, name, 1)[0];
}
