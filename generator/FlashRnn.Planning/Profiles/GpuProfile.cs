using System;
using System.Globalization;

namespace FlashRnn.Planning
{
    /// <summary>
    /// The resources of one GPU model that the kernel planner needs: SMs, registers, shared memory, thread and
    /// block limits, thread block cluster sizes, and the clock and tensor-core rate used by the latency estimate.
    /// Immutable, with value equality. Built-in profiles live in <see cref="GpuProfiles"/>; a profile for the GPU
    /// at hand comes from <see cref="FromDeviceProperties"/>.
    /// </summary>
    public sealed class GpuProfile : IEquatable<GpuProfile>
    {
        /// <summary>Creates a profile from explicit values (see the properties for their meaning).</summary>
        /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
        public GpuProfile(
            string id,
            string name,
            int computeCapabilityMajor,
            int computeCapabilityMinor,
            int multiprocessorCount,
            int registersPerMultiprocessor,
            int registersPerBlock,
            int maxRegistersPerThread,
            int sharedMemoryPerMultiprocessor,
            int sharedMemoryPerBlockOptIn,
            int reservedSharedMemoryPerBlock,
            int maxThreadsPerBlock,
            int maxThreadsPerMultiprocessor,
            int maxBlocksPerMultiprocessor,
            int portableClusterSize,
            int maxClusterSize,
            long l2CacheBytes,
            int clockMHz,
            int tensorMacsPerClockPerMultiprocessor)
        {
            Id = string.IsNullOrWhiteSpace(id) ? throw new ArgumentException("A profile needs an id.", nameof(id)) : id;
            Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A profile needs a name.", nameof(name)) : name;
            ComputeCapabilityMajor = AtLeast(computeCapabilityMajor, 1, nameof(computeCapabilityMajor));
            ComputeCapabilityMinor = AtLeast(computeCapabilityMinor, 0, nameof(computeCapabilityMinor));
            MultiprocessorCount = AtLeast(multiprocessorCount, 1, nameof(multiprocessorCount));
            RegistersPerMultiprocessor = AtLeast(registersPerMultiprocessor, 1, nameof(registersPerMultiprocessor));
            RegistersPerBlock = AtLeast(registersPerBlock, 1, nameof(registersPerBlock));
            MaxRegistersPerThread = AtLeast(maxRegistersPerThread, 1, nameof(maxRegistersPerThread));
            SharedMemoryPerMultiprocessor = AtLeast(sharedMemoryPerMultiprocessor, 0, nameof(sharedMemoryPerMultiprocessor));
            SharedMemoryPerBlockOptIn = AtLeast(sharedMemoryPerBlockOptIn, 0, nameof(sharedMemoryPerBlockOptIn));
            ReservedSharedMemoryPerBlock = AtLeast(reservedSharedMemoryPerBlock, 0, nameof(reservedSharedMemoryPerBlock));
            MaxThreadsPerBlock = AtLeast(maxThreadsPerBlock, 32, nameof(maxThreadsPerBlock));
            MaxThreadsPerMultiprocessor = AtLeast(maxThreadsPerMultiprocessor, 32, nameof(maxThreadsPerMultiprocessor));
            MaxBlocksPerMultiprocessor = AtLeast(maxBlocksPerMultiprocessor, 1, nameof(maxBlocksPerMultiprocessor));
            PortableClusterSize = AtLeast(portableClusterSize, 1, nameof(portableClusterSize));
            MaxClusterSize = AtLeast(maxClusterSize, portableClusterSize, nameof(maxClusterSize));
            L2CacheBytes = l2CacheBytes >= 0 ? l2CacheBytes : throw new ArgumentOutOfRangeException(nameof(l2CacheBytes), l2CacheBytes, "Expected a size >= 0.");
            ClockMHz = AtLeast(clockMHz, 1, nameof(clockMHz));
            TensorMacsPerClockPerMultiprocessor = AtLeast(tensorMacsPerClockPerMultiprocessor, 1, nameof(tensorMacsPerClockPerMultiprocessor));
            if (sharedMemoryPerBlockOptIn > sharedMemoryPerMultiprocessor)
            {
                throw new ArgumentException("Shared memory per block cannot exceed shared memory per multiprocessor.", nameof(sharedMemoryPerBlockOptIn));
            }
        }

        /// <summary>Lower-case id used in <c>FlashRnnTargetGpus</c>, e.g. <c>h100</c>.</summary>
        public string Id { get; }

        /// <summary>Marketing name, e.g. <c>NVIDIA H100 SXM5</c>.</summary>
        public string Name { get; }

        /// <summary>Compute capability major version (9 for Hopper).</summary>
        public int ComputeCapabilityMajor { get; }

        /// <summary>Compute capability minor version.</summary>
        public int ComputeCapabilityMinor { get; }

        /// <summary>Number of streaming multiprocessors.</summary>
        public int MultiprocessorCount { get; }

        /// <summary>32-bit registers per SM.</summary>
        public int RegistersPerMultiprocessor { get; }

        /// <summary>32-bit registers one thread block may use.</summary>
        public int RegistersPerBlock { get; }

        /// <summary>Registers one thread may use (255 on every profile here).</summary>
        public int MaxRegistersPerThread { get; }

        /// <summary>Shared memory per SM in bytes (the largest carveout).</summary>
        public int SharedMemoryPerMultiprocessor { get; }

        /// <summary>Dynamic shared memory one block may use after opting in, in bytes.</summary>
        public int SharedMemoryPerBlockOptIn { get; }

        /// <summary>Shared memory the driver reserves per resident block, in bytes (1 KB from compute capability 8.0).</summary>
        public int ReservedSharedMemoryPerBlock { get; }

        /// <summary>Threads per block.</summary>
        public int MaxThreadsPerBlock { get; }

        /// <summary>Resident threads per SM.</summary>
        public int MaxThreadsPerMultiprocessor { get; }

        /// <summary>Resident blocks per SM.</summary>
        public int MaxBlocksPerMultiprocessor { get; }

        /// <summary>Largest portable thread block cluster (1 where clusters do not exist).</summary>
        public int PortableClusterSize { get; }

        /// <summary>Largest cluster with the non-portable opt-in (<c>cudaFuncAttributeNonPortableClusterSizeAllowed</c>).</summary>
        public int MaxClusterSize { get; }

        /// <summary>L2 cache size in bytes.</summary>
        public long L2CacheBytes { get; }

        /// <summary>SM clock in MHz at which the latency estimate converts cycles to microseconds.</summary>
        public int ClockMHz { get; }

        /// <summary>Dense 16-bit-input, float32-accumulate multiply-adds per clock per SM that <c>mma.sync</c> can issue.</summary>
        public int TensorMacsPerClockPerMultiprocessor { get; }

        /// <summary>True when thread block clusters (and distributed shared memory) exist.</summary>
        public bool SupportsClusters => MaxClusterSize > 1;

        /// <summary>The NVRTC architecture name, e.g. <c>sm_90</c>.</summary>
        public string Architecture => "sm_" + ComputeCapabilityMajor.ToString(CultureInfo.InvariantCulture) + ComputeCapabilityMinor.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Builds a profile from the attributes the CUDA driver reports for a device (see <see cref="DeviceProperties"/>).
        /// Values the driver does not report (registers per thread, cluster sizes, tensor rate) follow the compute
        /// capability, as documented on <see cref="DeviceProperties"/>.
        /// </summary>
        /// <exception cref="ArgumentException">A property is out of range (the message names it).</exception>
        public static GpuProfile FromDeviceProperties(DeviceProperties properties)
        {
            if (properties is null)
            {
                throw new ArgumentNullException(nameof(properties));
            }

            return properties.ToProfile();
        }

        /// <summary>
        /// True when every limit the planner's feasibility depends on is equal (clock and tensor rate may differ), so a
        /// plan made for one profile fits the other.
        /// </summary>
        public bool HasSameResourceLimits(GpuProfile other) =>
            other is not null
            && ComputeCapabilityMajor == other.ComputeCapabilityMajor
            && ComputeCapabilityMinor == other.ComputeCapabilityMinor
            && MultiprocessorCount == other.MultiprocessorCount
            && RegistersPerMultiprocessor == other.RegistersPerMultiprocessor
            && RegistersPerBlock == other.RegistersPerBlock
            && MaxRegistersPerThread == other.MaxRegistersPerThread
            && SharedMemoryPerMultiprocessor == other.SharedMemoryPerMultiprocessor
            && SharedMemoryPerBlockOptIn == other.SharedMemoryPerBlockOptIn
            && ReservedSharedMemoryPerBlock == other.ReservedSharedMemoryPerBlock
            && MaxThreadsPerBlock == other.MaxThreadsPerBlock
            && MaxThreadsPerMultiprocessor == other.MaxThreadsPerMultiprocessor
            && MaxBlocksPerMultiprocessor == other.MaxBlocksPerMultiprocessor
            && MaxClusterSize == other.MaxClusterSize;

        /// <inheritdoc />
        public bool Equals(GpuProfile? other) =>
            other is not null
            && Id == other.Id
            && Name == other.Name
            && HasSameResourceLimits(other)
            && PortableClusterSize == other.PortableClusterSize
            && L2CacheBytes == other.L2CacheBytes
            && ClockMHz == other.ClockMHz
            && TensorMacsPerClockPerMultiprocessor == other.TensorMacsPerClockPerMultiprocessor;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as GpuProfile);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            unchecked
            {
                int hash = StringComparer.Ordinal.GetHashCode(Id);
                hash = (hash * 397) ^ MultiprocessorCount;
                hash = (hash * 397) ^ SharedMemoryPerBlockOptIn;
                return (hash * 397) ^ ClockMHz;
            }
        }

        /// <summary><c>id (name, sm_XY, N SMs)</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1}, {2}, {3} SMs)", Id, Name, Architecture, MultiprocessorCount);

        private static int AtLeast(int value, int minimum, string parameter) =>
            value >= minimum ? value : throw new ArgumentOutOfRangeException(parameter, value, $"Expected {parameter} >= {minimum}.");
    }
}
