using System;
using System.Collections.Generic;
using System.Linq;

namespace FlashRnn.Planning
{
    /// <summary>
    /// The built-in GPU profiles (sources for every number are in the Planning README) and the parsing of the
    /// <c>FlashRnnTargetGpus</c> MSBuild property.
    /// </summary>
    public static class GpuProfiles
    {
        // Per compute capability (NVIDIA CCCL, libcudacxx cuda/__device/arch_traits.h; CUDA C++ Programming Guide,
        // "Technical Specifications per Compute Capability"): 64K registers per SM and per block, 255 per thread,
        // 1024 threads per block, 1 KB shared memory reserved per block from 8.0; clusters from 9.0.
        private const int Registers64K = 64 * 1024;
        private const int KiB = 1024;
        private const long MiB = 1024 * 1024;

        /// <summary>NVIDIA A100 SXM4 (GA100, compute capability 8.0).</summary>
        public static GpuProfile A100 { get; } = new GpuProfile(
            id: "a100", name: "NVIDIA A100 SXM4", computeCapabilityMajor: 8, computeCapabilityMinor: 0,
            multiprocessorCount: 108, registersPerMultiprocessor: Registers64K, registersPerBlock: Registers64K, maxRegistersPerThread: 255,
            sharedMemoryPerMultiprocessor: 164 * KiB, sharedMemoryPerBlockOptIn: 163 * KiB, reservedSharedMemoryPerBlock: KiB,
            maxThreadsPerBlock: 1024, maxThreadsPerMultiprocessor: 2048, maxBlocksPerMultiprocessor: 32,
            portableClusterSize: 1, maxClusterSize: 1, l2CacheBytes: 40 * MiB, clockMHz: 1410, tensorMacsPerClockPerMultiprocessor: 1024);

        /// <summary>NVIDIA A10 (GA102, compute capability 8.6).</summary>
        public static GpuProfile A10 { get; } = new GpuProfile(
            id: "a10", name: "NVIDIA A10", computeCapabilityMajor: 8, computeCapabilityMinor: 6,
            multiprocessorCount: 72, registersPerMultiprocessor: Registers64K, registersPerBlock: Registers64K, maxRegistersPerThread: 255,
            sharedMemoryPerMultiprocessor: 100 * KiB, sharedMemoryPerBlockOptIn: 99 * KiB, reservedSharedMemoryPerBlock: KiB,
            maxThreadsPerBlock: 1024, maxThreadsPerMultiprocessor: 1536, maxBlocksPerMultiprocessor: 16,
            portableClusterSize: 1, maxClusterSize: 1, l2CacheBytes: 6 * MiB, clockMHz: 1695, tensorMacsPerClockPerMultiprocessor: 512);

        /// <summary>NVIDIA L4 (AD104, compute capability 8.9).</summary>
        public static GpuProfile L4 { get; } = new GpuProfile(
            id: "l4", name: "NVIDIA L4", computeCapabilityMajor: 8, computeCapabilityMinor: 9,
            multiprocessorCount: 58, registersPerMultiprocessor: Registers64K, registersPerBlock: Registers64K, maxRegistersPerThread: 255,
            sharedMemoryPerMultiprocessor: 100 * KiB, sharedMemoryPerBlockOptIn: 99 * KiB, reservedSharedMemoryPerBlock: KiB,
            maxThreadsPerBlock: 1024, maxThreadsPerMultiprocessor: 1536, maxBlocksPerMultiprocessor: 24,
            portableClusterSize: 1, maxClusterSize: 1, l2CacheBytes: 48 * MiB, clockMHz: 2040, tensorMacsPerClockPerMultiprocessor: 512);

        /// <summary>NVIDIA GeForce RTX 4090 (AD102, compute capability 8.9).</summary>
        public static GpuProfile Rtx4090 { get; } = new GpuProfile(
            id: "rtx4090", name: "NVIDIA GeForce RTX 4090", computeCapabilityMajor: 8, computeCapabilityMinor: 9,
            multiprocessorCount: 128, registersPerMultiprocessor: Registers64K, registersPerBlock: Registers64K, maxRegistersPerThread: 255,
            sharedMemoryPerMultiprocessor: 100 * KiB, sharedMemoryPerBlockOptIn: 99 * KiB, reservedSharedMemoryPerBlock: KiB,
            maxThreadsPerBlock: 1024, maxThreadsPerMultiprocessor: 1536, maxBlocksPerMultiprocessor: 24,
            portableClusterSize: 1, maxClusterSize: 1, l2CacheBytes: 72 * MiB, clockMHz: 2520, tensorMacsPerClockPerMultiprocessor: 256);

        /// <summary>NVIDIA H100 SXM5 (GH100, compute capability 9.0).</summary>
        public static GpuProfile H100 { get; } = new GpuProfile(
            id: "h100", name: "NVIDIA H100 SXM5", computeCapabilityMajor: 9, computeCapabilityMinor: 0,
            multiprocessorCount: 132, registersPerMultiprocessor: Registers64K, registersPerBlock: Registers64K, maxRegistersPerThread: 255,
            sharedMemoryPerMultiprocessor: 228 * KiB, sharedMemoryPerBlockOptIn: 227 * KiB, reservedSharedMemoryPerBlock: KiB,
            maxThreadsPerBlock: 1024, maxThreadsPerMultiprocessor: 2048, maxBlocksPerMultiprocessor: 32,
            portableClusterSize: 8, maxClusterSize: 16, l2CacheBytes: 50 * MiB, clockMHz: 1830, tensorMacsPerClockPerMultiprocessor: 1024);

        /// <summary>NVIDIA H200 SXM (GH100 with HBM3e, compute capability 9.0).</summary>
        public static GpuProfile H200 { get; } = new GpuProfile(
            id: "h200", name: "NVIDIA H200 SXM", computeCapabilityMajor: 9, computeCapabilityMinor: 0,
            multiprocessorCount: 132, registersPerMultiprocessor: Registers64K, registersPerBlock: Registers64K, maxRegistersPerThread: 255,
            sharedMemoryPerMultiprocessor: 228 * KiB, sharedMemoryPerBlockOptIn: 227 * KiB, reservedSharedMemoryPerBlock: KiB,
            maxThreadsPerBlock: 1024, maxThreadsPerMultiprocessor: 2048, maxBlocksPerMultiprocessor: 32,
            portableClusterSize: 8, maxClusterSize: 16, l2CacheBytes: 50 * MiB, clockMHz: 1830, tensorMacsPerClockPerMultiprocessor: 1024);

        private static readonly (string Alias, GpuProfile Profile)[] Aliases =
        {
            ("a100", A100), ("a100-sxm", A100), ("a100-sxm4", A100), ("a100sxm", A100),
            ("a10", A10),
            ("l4", L4),
            ("rtx4090", Rtx4090), ("rtx-4090", Rtx4090), ("4090", Rtx4090), ("geforce-rtx-4090", Rtx4090),
            ("h100", H100), ("h100-sxm", H100), ("h100-sxm5", H100), ("h100sxm", H100),
            ("h200", H200), ("h200-sxm", H200), ("h200sxm", H200),
        };

        /// <summary>Every built-in profile, in a fixed order: A100, A10, L4, RTX 4090, H100, H200.</summary>
        public static IReadOnlyList<GpuProfile> All { get; } = new[] { A100, A10, L4, Rtx4090, H100, H200 };

        /// <summary>The profiles planned for when <c>FlashRnnTargetGpus</c> is empty: all of them.</summary>
        public static IReadOnlyList<GpuProfile> Default => All;

        /// <summary>Finds a built-in profile by id or alias (case-insensitive, e.g. "H100", "a100-sxm4", "4090").</summary>
        public static bool TryGet(string? name, out GpuProfile profile)
        {
            string key = (name ?? "").Trim();
            foreach ((string alias, GpuProfile candidate) in Aliases)
            {
                if (string.Equals(alias, key, StringComparison.OrdinalIgnoreCase))
                {
                    profile = candidate;
                    return true;
                }
            }

            profile = null!;
            return false;
        }

        /// <summary>The built-in profile with this id or alias.</summary>
        /// <exception cref="ArgumentException">No profile has that name (the message lists the known ids).</exception>
        public static GpuProfile Get(string name) =>
            TryGet(name, out GpuProfile profile) ? profile : throw new ArgumentException(UnknownMessage(name), nameof(name));

        /// <summary>
        /// Parses a list such as <c>"h100;a100"</c> or <c>"H100, L4"</c> (separators ';' and ','; blanks ignored;
        /// <c>all</c> means every profile; duplicates kept once, in first-mention order). Empty or null gives
        /// <see cref="Default"/>. Unknown names do not throw: they come back as errors next to the names that parsed.
        /// </summary>
        public static GpuProfileSelection ParseTargetList(string? value)
        {
            var profiles = new List<GpuProfile>();
            var errors = new List<string>();
            string[] entries = (value ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries);
            bool anyEntry = false;
            foreach (string raw in entries)
            {
                string entry = raw.Trim();
                if (entry.Length == 0)
                {
                    continue;
                }

                anyEntry = true;
                if (string.Equals(entry, "all", StringComparison.OrdinalIgnoreCase))
                {
                    profiles.AddRange(All);
                }
                else if (TryGet(entry, out GpuProfile profile))
                {
                    profiles.Add(profile);
                }
                else
                {
                    errors.Add(UnknownMessage(entry));
                }
            }

            IReadOnlyList<GpuProfile> selected = anyEntry ? profiles.Distinct().ToArray() : Default;
            return new GpuProfileSelection(selected, errors.ToArray());
        }

        /// <summary>Finds the built-in profile whose limits equal <paramref name="device"/>'s, e.g. to reuse build-time plans.</summary>
        public static GpuProfile? FindMatching(GpuProfile device) =>
            device is null ? null : All.FirstOrDefault(profile => profile.HasSameResourceLimits(device));

        private static string UnknownMessage(string? name) =>
            $"Unknown GPU '{name}' in FlashRnnTargetGpus: use one or more of {string.Join(", ", All.Select(p => p.Id))} (or 'all'), separated by ';'.";
    }

    /// <summary>The outcome of <see cref="GpuProfiles.ParseTargetList"/>.</summary>
    public sealed class GpuProfileSelection
    {
        internal GpuProfileSelection(IReadOnlyList<GpuProfile> profiles, IReadOnlyList<string> errors)
        {
            Profiles = profiles;
            Errors = errors;
        }

        /// <summary>The profiles named (the valid ones, even when others were unknown).</summary>
        public IReadOnlyList<GpuProfile> Profiles { get; }

        /// <summary>One message per unknown name; empty on success.</summary>
        public IReadOnlyList<string> Errors { get; }

        /// <summary>True when every name was known.</summary>
        public bool Succeeded => Errors.Count == 0;
    }
}
