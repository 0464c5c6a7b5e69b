// frg_sync.cuh - synchronisation beyond one CTA: thread block clusters (Hopper DSMEM) and a barrier among a group
// of co-resident CTAs through a global-memory counter.
#ifndef FRG_SYNC_CUH
#define FRG_SYNC_CUH

#include "frg_types.cuh"

namespace frg {

// ---- thread block cluster ------------------------------------------------------------------------------------------
__device__ __forceinline__ u32 cluster_rank() { return ptx::cluster_ctarank(); }
// The address of the same shared-memory location in cluster CTA `rank` (a shared::cluster address).
__device__ __forceinline__ u32 cluster_map(u32 local_smem_addr, u32 rank) { return ptx::mapa_cluster(local_smem_addr, rank); }
using ptx::st_cluster_v4;
using ptx::st_cluster_v2;
using ptx::st_cluster_u32;
using ptx::st_cluster_f32;

// Cluster barrier in two halves: arrive (release: this thread's earlier shared-memory writes, local and remote,
// become visible to every thread that waits) and wait (acquire). Every thread of every CTA in the cluster must
// call both, in this order, the same number of times.
using ptx::cluster_arrive_release;
using ptx::cluster_wait_acquire;
__device__ __forceinline__ void cluster_sync()
{
    cluster_arrive_release();
    cluster_wait_acquire();
}

// ---- barrier among co-resident CTAs through global memory -----------------------------------------------------------
// `counter` is shared by the `members` CTAs of one group and is zero when the launch starts (the host clears it).
// Every member calls this with the same, increasing barrier number n = 1, 2, ...; the call returns once all members
// have arrived at barrier n, with the members' earlier global writes visible (threadfence before arrival, acquire
// load while polling; readers must still use L1-bypassing loads, see ld_cg_*). It only terminates when all members
// are resident at once, which is why the host uses a cooperative launch.
__device__ __forceinline__ void group_barrier(u32* counter, u32 members, u32 n)
{
    __syncthreads();
    if (threadIdx.x == 0) {
        __threadfence();
        atomicAdd(counter, 1u);
        const u32 target = members * n;
        u32 seen;
#if FRG_SPIN_LIMIT > 0
        long long polls = 0;
#endif
        for (;;) {
            seen = ptx::ld_acquire_gpu(counter);
            if (seen >= target) break;
#if FRG_SPIN_LIMIT > 0
            if (++polls > static_cast<long long>(FRG_SPIN_LIMIT)) ptx::trap();
#endif
        }
        __threadfence();
    }
    __syncthreads();
}

}  // namespace frg

#endif  // FRG_SYNC_CUH
