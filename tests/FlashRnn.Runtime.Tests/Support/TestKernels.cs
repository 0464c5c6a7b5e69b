using FlashRnn.Cuda;
using FlashRnn.Nvrtc;

namespace FlashRnn.Runtime.Tests.Support;

/// <summary>
/// The runtime's own test kernels. Like the generated kernels they include no CUDA headers: NVRTC provides the
/// built-in variables and atomics, and cluster features are reached through inline PTX.
/// </summary>
internal static class TestKernels
{
    /// <summary>An architecture every supported NVRTC (11.2 to 13) can compile for.</summary>
    public static readonly ComputeCapability Ampere = new(8, 0);

    public static readonly ComputeCapability Hopper = new(9, 0);

    public static readonly KernelProgram VectorAdd = new("vector_add.cu", """
        // c = a + b over n elements; the grid may be larger than n.
        extern "C" __global__ void vector_add(const float* a, const float* b, float* c, int n)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) c[i] = a[i] + b[i];
        }
        """);

    public static readonly KernelProgram AddOne = new("add_one.cu", """
        // x[i] += 1, for graph replay tests: after k replays of a graph of m launches every element is k * m.
        extern "C" __global__ void add_one(int* x, int n)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) x[i] += 1;
        }
        """);

    public static readonly KernelProgram Negate16 = new("negate16.cu", """
        // Flips the sign bit of 16-bit floats (bfloat16 or half: both keep it in bit 15), so the host types' layout
        // can be checked against what a kernel sees without any CUDA header.
        extern "C" __global__ void negate16(unsigned short* x, int n)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) x[i] ^= 0x8000u;
        }
        """);

    /// <summary>A kernel whose constant comes from a macro, to check that -D options reach the compiler.</summary>
    public static KernelProgram Scale(string factor) => new("scale.cu", """
        extern "C" __global__ void scale(float* x, int n)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) x[i] *= SCALE;
        }
        """, [new("SCALE", factor)]);

    public static readonly KernelProgram GridRendezvous = new("grid_rendezvous.cu", """
        // Every block announces itself, then waits (bounded) until all blocks of the grid have: this only finishes
        // with every count equal to gridDim.x when all blocks are resident at once, which a cooperative launch
        // guarantees.
        extern "C" __global__ void grid_rendezvous(unsigned int* arrived, unsigned int* seen)
        {
            if (threadIdx.x != 0) return;
            atomicAdd(arrived, 1u);
            unsigned int count = 0;
            for (long long spin = 0; spin < (1LL << 26); ++spin)
            {
                count = atomicAdd(arrived, 0u);
                if (count >= gridDim.x) break;
            }
            seen[blockIdx.x] = count;
        }
        """);

    public static readonly KernelProgram ClusterRing = new("cluster_ring.cu", """
        // Each block of a cluster writes its blockIdx.x into the shared memory of the next block in the cluster
        // (distributed shared memory: mapa + st.shared::cluster), between two cluster barriers; every block then
        // reports its rank in the cluster and what its predecessor wrote.
        __device__ unsigned int cluster_rank()
        {
            unsigned int rank;
            asm volatile("mov.u32 %0, %%cluster_ctarank;" : "=r"(rank));
            return rank;
        }

        __device__ unsigned int cluster_size()
        {
            unsigned int size;
            asm volatile("mov.u32 %0, %%cluster_nctarank;" : "=r"(size));
            return size;
        }

        __device__ void cluster_sync()
        {
            asm volatile("barrier.cluster.arrive.aligned;\n\tbarrier.cluster.wait.aligned;" ::: "memory");
        }

        extern "C" __global__ void cluster_ring(unsigned int* ranks, unsigned int* received)
        {
            __shared__ unsigned int inbox;
            unsigned int rank = cluster_rank();
            if (threadIdx.x == 0) inbox = 0xFFFFFFFFu;
            cluster_sync(); // every peer's inbox exists and is initialised before anyone writes to it
            if (threadIdx.x == 0)
            {
                unsigned int local;
                asm volatile("{ .reg .u64 a; cvta.to.shared.u64 a, %1; cvt.u32.u64 %0, a; }"
                             : "=r"(local) : "l"(&inbox));
                unsigned int remote;
                asm volatile("mapa.shared::cluster.u32 %0, %1, %2;"
                             : "=r"(remote) : "r"(local), "r"((rank + 1) % cluster_size()));
                asm volatile("st.shared::cluster.u32 [%0], %1;" :: "r"(remote), "r"(blockIdx.x) : "memory");
            }
            cluster_sync(); // all writes have landed, and no block exits while a peer may still write to it
            if (threadIdx.x == 0)
            {
                ranks[blockIdx.x] = rank;
                received[blockIdx.x] = inbox;
            }
        }
        """);

    public static readonly KernelProgram Broken = new("broken.cu", """
        extern "C" __global__ void broken(float* x)
        {
            x[0] = undefined_name;
        }
        """);

    /// <summary>Every test kernel with the oldest architecture it needs.</summary>
    public static IEnumerable<(KernelProgram Program, ComputeCapability Architecture)> All =>
    [
        (VectorAdd, Ampere), (AddOne, Ampere), (Negate16, Ampere), (Scale("2.0f"), Ampere),
        (GridRendezvous, Ampere), (ClusterRing, Hopper),
    ];
}
