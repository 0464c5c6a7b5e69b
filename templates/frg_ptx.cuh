// frg_ptx.cuh - every inline-PTX instruction the kernels use, as small named functions, and nothing else.
//
// Keeping the PTX here alone has two reasons: the higher-level headers read as C++, and a CPU emulator of the CUDA
// execution model (tools/emu/) can swap this one file for its own implementation of the same functions to run the
// kernels without a GPU. Fragment layouts of the MMA and ldmatrix instructions: PTX ISA, "Warp-level matrix
// multiply-accumulate instructions" (summarised in frg_mma.cuh).
#ifndef FRG_PTX_CUH
#define FRG_PTX_CUH

namespace frg {

typedef unsigned int u32;
typedef unsigned short u16;
typedef long long i64;

namespace ptx {

// ---- conversions (round to nearest even, except TF32: round to nearest, ties away, as cvt.rna does) ------------------
__device__ __forceinline__ float f16_to_f32(u16 v)
{
    float f;
    asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(v));
    return f;
}
__device__ __forceinline__ u16 f32_to_bf16(float x)
{
    u16 r;
    asm("cvt.rn.bf16.f32 %0, %1;" : "=h"(r) : "f"(x));
    return r;
}
__device__ __forceinline__ u16 f32_to_f16(float x)
{
    u16 r;
    asm("cvt.rn.f16.f32 %0, %1;" : "=h"(r) : "f"(x));
    return r;
}
__device__ __forceinline__ u32 f32_to_tf32(float x)
{
    u32 r;
    asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x));
    return r;
}
// Two floats to one register of two 16-bit values; `lo` goes to the low half.
__device__ __forceinline__ u32 pack_bf16x2(float lo, float hi)
{
    u32 r;
    asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
    return r;
}
__device__ __forceinline__ u32 pack_f16x2(float lo, float hi)
{
    u32 r;
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
    return r;
}

// ---- memory -----------------------------------------------------------------------------------------------------------
// A shared-memory address as the 32-bit value the shared:: state space instructions take.
__device__ __forceinline__ u32 smem_addr(const void* p)
{
    u32 a;
    asm("{ .reg .u64 t; cvta.to.shared.u64 t, %1; cvt.u32.u64 %0, t; }" : "=r"(a) : "l"(p));
    return a;
}
// The strong accesses of the tagged exchanges: volatile (= relaxed at system scope) by default, or relaxed at GPU
// scope with FRG_EXCHANGE_GPU_SCOPE=1 (every reader and writer is a CTA of the same grid, so GPU scope suffices).
#if FRG_EXCHANGE_GPU_SCOPE
#define FRG_STRONG_ACCESS "relaxed.gpu"
#else
#define FRG_STRONG_ACCESS "volatile"
#endif
// 16 bytes as two 64-bit words, each one strong (volatile) access: the PTX memory model treats a vector access as one
// access per element, and an aligned access of up to 64 bits is single-copy atomic, so a reader sees each word
// either whole or not at all. The tagged exchange (frg_fused.cuh) puts data and its tag in the same word.
__device__ __forceinline__ ulonglong2 ld_volatile_u64x2(const void* p)
{
    ulonglong2 v;
    asm volatile("ld." FRG_STRONG_ACCESS ".global.v2.u64 {%0, %1}, [%2];" : "=l"(v.x), "=l"(v.y) : "l"(p) : "memory");
    return v;
}
__device__ __forceinline__ void st_volatile_u64x2(void* p, unsigned long long a, unsigned long long b)
{
    asm volatile("st." FRG_STRONG_ACCESS ".global.v2.u64 [%0], {%1, %2};" :: "l"(p), "l"(a), "l"(b) : "memory");
}
__device__ __forceinline__ void st_volatile_u64(void* p, unsigned long long a)
{
    asm volatile("st." FRG_STRONG_ACCESS ".global.u64 [%0], %1;" :: "l"(p), "l"(a) : "memory");
}
// The value of lane (this lane XOR mask); every lane of the warp must take part.
__device__ __forceinline__ float shfl_xor(float v, int mask)
{
    float r;
    asm volatile("shfl.sync.bfly.b32 %0, %1, %2, 0x1f, 0xffffffff;" : "=f"(r) : "f"(v), "r"(mask));
    return r;
}
// Waits for the warp's lanes and orders their shared-memory accesses before it against those after it.
__device__ __forceinline__ void syncwarp() { asm volatile("bar.warp.sync 0xffffffff;" ::: "memory"); }
__device__ __forceinline__ void trap() { asm volatile("trap;"); }
// Suspends the thread for about `ns` nanoseconds (sm_70+; the hardware may wake it earlier).
__device__ __forceinline__ void nanosleep(u32 ns) { asm volatile("nanosleep.u32 %0;" :: "r"(ns)); }
// A compiler-only barrier (no instruction): memory accesses are not moved across it. Used to stop the compiler from
// hoisting many independent loads at once where that would only raise the register peak.
__device__ __forceinline__ void compiler_fence() { asm volatile("" ::: "memory"); }
// Asynchronous global -> shared copies of 16, 8 or 4 bytes (.cg bypasses L1; it only exists for 16 bytes), grouped
// per thread by commit; a wait returns when this thread's copies have landed (other threads see them after a
// following barrier). Only the first `src_bytes` bytes (0 or the full size here) are read and the rest of the
// destination is zero-filled, so a masked row needs no branch around its copy (its source is not read).
__device__ __forceinline__ void cp_async_16(void* smem_dst, const void* gmem_src, u32 src_bytes)
{
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;" :: "r"(smem_addr(smem_dst)), "l"(gmem_src), "r"(src_bytes)
                 : "memory");
}
__device__ __forceinline__ void cp_async_8(void* smem_dst, const void* gmem_src, u32 src_bytes)
{
    asm volatile("cp.async.ca.shared.global [%0], [%1], 8, %2;" :: "r"(smem_addr(smem_dst)), "l"(gmem_src), "r"(src_bytes)
                 : "memory");
}
__device__ __forceinline__ void cp_async_4(void* smem_dst, const void* gmem_src, u32 src_bytes)
{
    asm volatile("cp.async.ca.shared.global [%0], [%1], 4, %2;" :: "r"(smem_addr(smem_dst)), "l"(gmem_src), "r"(src_bytes)
                 : "memory");
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;" ::: "memory"); }
__device__ __forceinline__ void cp_async_wait_all() { asm volatile("cp.async.wait_group 0;" ::: "memory"); }
// Returns once at most N of this thread's most recent commit groups are still in flight (N a compile-time constant).
template <int N>
__device__ __forceinline__ void cp_async_wait_pending() { asm volatile("cp.async.wait_group %0;" :: "n"(N) : "memory"); }

// ---- tensor cores ---------------------------------------------------------------------------------------------------
__device__ __forceinline__ void mma_bf16_16816(float (&d)[4], const u32 (&a)[4], const u32 (&b)[2])
{
    asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}
__device__ __forceinline__ void mma_f16_16816(float (&d)[4], const u32 (&a)[4], const u32 (&b)[2])
{
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}
__device__ __forceinline__ void mma_tf32_1688(float (&d)[4], const u32 (&a)[4], const u32 (&b)[2])
{
    asm("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}
// Four 8x8 matrices of 16-bit elements; lane l gives the address of row l % 8 of matrix l / 8.
__device__ __forceinline__ void ldmatrix_x4(u32 (&r)[4], const void* row)
{
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(smem_addr(row)) : "memory");
}
__device__ __forceinline__ void ldmatrix_x4_trans(u32 (&r)[4], const void* row)
{
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(smem_addr(row)) : "memory");
}

// ---- thread block clusters --------------------------------------------------------------------------------------------
__device__ __forceinline__ u32 cluster_ctarank()
{
    u32 r;
    asm volatile("mov.u32 %0, %%cluster_ctarank;" : "=r"(r));
    return r;
}
// The address of the same shared-memory location in cluster CTA `rank`.
__device__ __forceinline__ u32 mapa_cluster(u32 local_smem_addr, u32 rank)
{
    u32 r;
    asm volatile("mapa.shared::cluster.u32 %0, %1, %2;" : "=r"(r) : "r"(local_smem_addr), "r"(rank));
    return r;
}
__device__ __forceinline__ void st_cluster_v4(u32 addr, const uint4& v)
{
    asm volatile("st.shared::cluster.v4.u32 [%0], {%1, %2, %3, %4};"
                 :: "r"(addr), "r"(v.x), "r"(v.y), "r"(v.z), "r"(v.w) : "memory");
}
__device__ __forceinline__ void st_cluster_v2(u32 addr, const uint2& v)
{
    asm volatile("st.shared::cluster.v2.u32 [%0], {%1, %2};" :: "r"(addr), "r"(v.x), "r"(v.y) : "memory");
}
__device__ __forceinline__ void st_cluster_u32(u32 addr, u32 v)
{
    asm volatile("st.shared::cluster.u32 [%0], %1;" :: "r"(addr), "r"(v) : "memory");
}
__device__ __forceinline__ void st_cluster_f32(u32 addr, float v)
{
    asm volatile("st.shared::cluster.f32 [%0], %1;" :: "r"(addr), "f"(v) : "memory");
}
// Without a .sem qualifier, barrier.cluster.arrive has release and wait has acquire semantics (PTX ISA 7.8); the
// explicit .release/.acquire spellings need PTX ISA 8.0, which NVRTC 11.8's ptxas rejects.
__device__ __forceinline__ void cluster_arrive_release() { asm volatile("barrier.cluster.arrive.aligned;" ::: "memory"); }
__device__ __forceinline__ void cluster_wait_acquire() { asm volatile("barrier.cluster.wait.aligned;" ::: "memory"); }

}  // namespace ptx
}  // namespace frg

// The kernel's dynamic shared memory (the bytes the launch asks for), 16-byte aligned.
#define FRG_DYNAMIC_SHARED(type, name) extern __shared__ __align__(16) type name[]

#endif  // FRG_PTX_CUH
