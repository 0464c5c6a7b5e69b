// frg_types.cuh - storage and tensor-core element types, conversions, small load/store helpers.
//
// No CUDA headers: bfloat16 and float16 are carried as their raw 16 bits (unsigned short) and converted with PTX
// cvt instructions. Arithmetic is always float32; storage conversions round to nearest even.
#ifndef FRG_TYPES_CUH
#define FRG_TYPES_CUH

#include "frg_config.cuh"
#include "frg_ptx.cuh"

namespace frg {

// ---- storage dtype ---------------------------------------------------------------------------------------------
#if FRG_DTYPE == 0
typedef float store_t;
#else
typedef u16 store_t;  // raw bits of a bfloat16 (FRG_DTYPE 1) or float16 (FRG_DTYPE 2)
#endif

__device__ __forceinline__ float to_float(float v) { return v; }
__device__ __forceinline__ float to_float(u16 v)
{
#if FRG_DTYPE == 2
    return ptx::f16_to_f32(v);
#else
    return __uint_as_float(static_cast<u32>(v) << 16);  // a bfloat16 is the high half of a float32
#endif
}

// float32 -> storage dtype (round to nearest even).
__device__ __forceinline__ store_t to_store(float x)
{
#if FRG_DTYPE == 0
    return x;
#elif FRG_DTYPE == 1
    return ptx::f32_to_bf16(x);
#else
    return ptx::f32_to_f16(x);
#endif
}

// ---- drec in global memory ---------------------------------------------------------------------------------------
// The gradient of the gates' recurrent parts, written by the fused and alternating backwards for frg_grad_r (when it
// does not read dWx) and frg_alt_ds_gemm. bfloat16 plans keep it in bfloat16: the products round it to that type as
// they read it anyway (the same round to nearest even, so the same products), it is half the bytes, and frg_grad_r's
// copies stay in the cp.async ring (a float32 Y tile of 128 x 128 does not fit it: GRU 1x768 0.74 ms against LSTM's
// 0.51 with its bfloat16 dWx, gpu-run-57). float16 plans keep float32 for its range, float32 plans float32.
// FRG_DREC_FLOAT=1 keeps float32 in bfloat16 plans too (to time both: templates/tools/grad_profile.py --variant).
#if FRG_DTYPE == 1 && (!defined(FRG_DREC_FLOAT) || FRG_DREC_FLOAT == 0)
typedef u16 drec_t;
__device__ __forceinline__ drec_t to_drec(float x) { return to_store(x); }
#else
typedef float drec_t;
__device__ __forceinline__ drec_t to_drec(float x) { return x; }
#endif

// Loads one element of a tensor (or 0 where the optional tensor is absent) and converts it to float32.
__device__ __forceinline__ float load_f32(const store_t* p, i64 i) { return to_float(p[i]); }
__device__ __forceinline__ float load_f32_or0(const store_t* p, i64 i) { return p ? to_float(p[i]) : 0.0f; }

// ---- tensor-core element ---------------------------------------------------------------------------------------
// bfloat16/float16 plans run mma.sync on the storage type; float32 plans run the TF32 MMA, either as 3xTF32
// (default: operands kept in float32 and split at fragment load) or single TF32 (FRG_FP32_FAST_MMA=1: operands
// rounded to TF32 once). mma_t is one element as kept in shared memory.
#if FRG_DTYPE == 0
typedef u32 mma_t;  // float32 bits (3xTF32), or float32 bits rounded to TF32 (single TF32)
#else
typedef u16 mma_t;
#endif
inline constexpr int kMmaBytes = sizeof(mma_t);

__device__ __forceinline__ mma_t to_mma(float x)
{
#if FRG_DTYPE == 0
    return kSplitTf32 ? __float_as_uint(x) : ptx::f32_to_tf32(x);
#else
    return to_store(x);
#endif
}
__device__ __forceinline__ float mma_to_float(mma_t v)
{
#if FRG_DTYPE == 0
    return __uint_as_float(v);
#else
    return to_float(v);
#endif
}

// Two 16-bit elements in one register, the lower column in the low half (the mma.sync operand packing).
__device__ __forceinline__ u32 pack2(float lo, float hi)
{
#if FRG_DTYPE == 2
    return ptx::pack_f16x2(lo, hi);
#else
    return ptx::pack_bf16x2(lo, hi);
#endif
}

// ---- V adjacent elements (V = 1 or 2) in one access --------------------------------------------------------------
// For a thread that handles two neighbouring units: one 4-byte (16-bit data) or 8-byte (32-bit data) access instead of
// two. Callers keep the element offset even, so the access is aligned.
template <class A, class B> struct same_type { static constexpr bool value = false; };
template <class A> struct same_type<A, A> { static constexpr bool value = true; };
template <bool C, class A, class B> struct select_type { typedef A type; };
template <class A, class B> struct select_type<false, A, B> { typedef B type; };
__device__ __forceinline__ u32 as_u32(float v) { return __float_as_uint(v); }
__device__ __forceinline__ u32 as_u32(u32 v) { return v; }
// The 32-bit element whose bits are v (float32 data, or the float32/TF32 bits of a float32 mma_t).
template <class T>
__device__ __forceinline__ T from_u32(u32 v)
{
    if constexpr (same_type<T, float>::value) return __uint_as_float(v);
    else return v;
}
template <int V, class T>
__device__ __forceinline__ void load_raw(const T* p, T (&out)[V])
{
    static_assert(V == 1 || V == 2, "load_raw: one or two elements");
    if constexpr (V == 1) {
        out[0] = p[0];
    } else if constexpr (sizeof(T) == 2) {
        const u32 w = *reinterpret_cast<const u32*>(p);
        out[0] = static_cast<T>(w & 0xFFFFu);
        out[V - 1] = static_cast<T>(w >> 16);
    } else {
        const uint2 w = *reinterpret_cast<const uint2*>(p);
        out[0] = from_u32<T>(w.x);
        out[V - 1] = from_u32<T>(w.y);
    }
}
template <int V, class T>
__device__ __forceinline__ void store_raw(T* p, const T (&v)[V])
{
    static_assert(V == 1 || V == 2, "store_raw: one or two elements");
    if constexpr (V == 1) {
        p[0] = v[0];
    } else if constexpr (sizeof(T) == 2) {
        *reinterpret_cast<u32*>(p) = static_cast<u32>(v[0]) | (static_cast<u32>(v[V - 1]) << 16);
    } else {
        uint2 w;
        w.x = as_u32(v[0]);
        w.y = as_u32(v[V - 1]);
        *reinterpret_cast<uint2*>(p) = w;
    }
}
// V adjacent elements of a storage-dtype or float32 array, as float32.
template <int V, class T>
__device__ __forceinline__ void load_units(const T* p, float (&out)[V])
{
    T raw[V];
    load_raw<V>(p, raw);
#pragma unroll
    for (int v = 0; v < V; ++v) out[v] = to_float(raw[v]);
}

// ---- addresses and cache-bypassing global accesses (see frg_ptx.cuh) ------------------------------------------------
using ptx::smem_addr;

}  // namespace frg

#endif  // FRG_TYPES_CUH
