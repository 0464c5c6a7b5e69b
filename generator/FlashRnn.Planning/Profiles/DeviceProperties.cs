using System;
using System.Globalization;

namespace FlashRnn.Planning
{
    /// <summary>
    /// Device attributes as the CUDA driver reports them (<c>cuDeviceGetAttribute</c>), the input of
    /// <see cref="GpuProfile.FromDeviceProperties"/>. Each property names its <c>CU_DEVICE_ATTRIBUTE_*</c>.
    /// </summary>
    public sealed class DeviceProperties
    {
        /// <summary>Device name (<c>cuDeviceGetName</c>).</summary>
        public string Name { get; init; } = "";

        /// <summary><c>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR</c>.</summary>
        public int ComputeCapabilityMajor { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR</c>.</summary>
        public int ComputeCapabilityMinor { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT</c>.</summary>
        public int MultiprocessorCount { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_MULTIPROCESSOR</c>.</summary>
        public int MaxRegistersPerMultiprocessor { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_BLOCK</c>.</summary>
        public int MaxRegistersPerBlock { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR</c> (bytes).</summary>
        public int MaxSharedMemoryPerMultiprocessor { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN</c> (bytes).</summary>
        public int MaxSharedMemoryPerBlockOptIn { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_RESERVED_SHARED_MEMORY_PER_BLOCK</c> (bytes).</summary>
        public int ReservedSharedMemoryPerBlock { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK</c>.</summary>
        public int MaxThreadsPerBlock { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR</c>.</summary>
        public int MaxThreadsPerMultiprocessor { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_MAX_BLOCKS_PER_MULTIPROCESSOR</c>.</summary>
        public int MaxBlocksPerMultiprocessor { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE</c> (bytes).</summary>
        public int L2CacheBytes { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_CLOCK_RATE</c> (kHz).</summary>
        public int ClockRateKHz { get; init; }

        /// <summary><c>CU_DEVICE_ATTRIBUTE_CLUSTER_LAUNCH</c>: whether thread block clusters can be launched.</summary>
        public bool ClusterLaunch { get; init; }

        /// <summary>
        /// Largest cluster a kernel may use with the non-portable opt-in, as <c>cudaOccupancyMaxPotentialClusterSize</c>
        /// reports it; 0 to derive it: 16 on compute capability 9.x with cluster launch, 8 with cluster launch
        /// otherwise, 1 without.
        /// </summary>
        public int MaxClusterSize { get; init; }

        /// <summary>
        /// Dense 16-bit tensor multiply-adds per clock per SM with float32 accumulation; 0 to derive it from the compute
        /// capability (8.0: 1024; 8.6/8.7/8.9: 512, halved for GeForce boards, whose float32-accumulate rate is half;
        /// 9.x: 1024 for <c>mma.sync</c>; others: 256). Only the latency estimate uses it.
        /// </summary>
        public int TensorMacsPerClockPerMultiprocessor { get; init; }

        internal GpuProfile ToProfile()
        {
            if (string.IsNullOrWhiteSpace(Name))
            {
                throw new ArgumentException("DeviceProperties.Name is empty: pass the name cuDeviceGetName reports.", nameof(Name));
            }

            int major = ComputeCapabilityMajor;
            int minor = ComputeCapabilityMinor;
            int clusterMax = MaxClusterSize > 0 ? MaxClusterSize : !ClusterLaunch ? 1 : major == 9 ? 16 : 8;
            int portable = Math.Min(clusterMax, ClusterLaunch ? 8 : 1);
            int tensor = TensorMacsPerClockPerMultiprocessor > 0 ? TensorMacsPerClockPerMultiprocessor : DefaultTensorRate(major, minor, Name);
            string id = string.Format(CultureInfo.InvariantCulture, "sm{0}{1}-{2}sm", major, minor, MultiprocessorCount);
            return new GpuProfile(
                id,
                Name,
                major,
                minor,
                MultiprocessorCount,
                MaxRegistersPerMultiprocessor,
                MaxRegistersPerBlock,
                maxRegistersPerThread: 255,
                MaxSharedMemoryPerMultiprocessor,
                MaxSharedMemoryPerBlockOptIn,
                ReservedSharedMemoryPerBlock,
                MaxThreadsPerBlock,
                MaxThreadsPerMultiprocessor,
                MaxBlocksPerMultiprocessor,
                portable,
                clusterMax,
                L2CacheBytes,
                clockMHz: Math.Max(1, ClockRateKHz / 1000),
                tensor);
        }

        private static int DefaultTensorRate(int major, int minor, string name)
        {
            bool geForce = name.IndexOf("GeForce", StringComparison.OrdinalIgnoreCase) >= 0;
            return (major, minor) switch
            {
                (8, 0) => 1024,
                (8, _) => geForce ? 256 : 512,
                (9, _) => 1024,
                _ => 256,
            };
        }
    }
}
