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

// ---- addresses and cache-bypassing global accesses (see frg_ptx.cuh) ------------------------------------------------
using ptx::smem_addr;
using ptx::ld_cg_v4;
using ptx::ld_cg_f32;

}  // namespace frg

#endif  // FRG_TYPES_CUH
