// frg_sync.cuh - synchronisation beyond one CTA within a thread block cluster (Hopper DSMEM). CTAs of a head that
// exchange through global memory synchronise by the tags of the words they exchange (frg_fused.cuh).
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

}  // namespace frg

#endif  // FRG_SYNC_CUH
