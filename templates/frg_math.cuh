// frg_math.cuh - the functions of the cell language, as the generated cell code calls them.
//
// This header comes FIRST in a kernel source, before the generated cell functions (which call these), so it depends
// on nothing else. Semantics match runtime/FlashRnn.Runtime/Cpu/CellMath.cs (the CPU reference), including the
// tie-breaking of max/min, which fixes the branch a derived backward takes.
//
// Accuracy (default, FRG_FAST_MATH unset or 0): CUDA's accurate single-precision library functions (expf, tanhf,
// logf, log1pf: at most 2 ulp in the CUDA math documentation) and IEEE division; the backward tests compare against
// float64 and need this. With FRG_FAST_MATH=1, exp uses __expf (ex2.approx: error grows with |x|, about 2 + 1.16|x|
// ulp), tanh/sigmoid use tanh.approx.f32 (relative error about 2^-11) and softplus/logsigmoid take log(1 + e) with
// __logf (absolute error below 2^-21 on [1, 2], against ~40 instructions for log1pf; gpu-run-24: sLSTM 12x64 forward
// step 1403 -> 1244 cycles): faster, still fine for bfloat16 storage, but not for tight float32 comparisons.
#ifndef FRG_MATH_CUH
#define FRG_MATH_CUH

#if defined(FRG_FAST_MATH) && FRG_FAST_MATH
__device__ __forceinline__ float frg_tanh_approx_(float x)
{
    float y;
    asm("tanh.approx.f32 %0, %1;" : "=f"(y) : "f"(x));
    return y;
}
__device__ __forceinline__ float frg_exp(float x) { return __expf(x); }
__device__ __forceinline__ float frg_tanh(float x) { return frg_tanh_approx_(x); }
// sigmoid(x) = (1 + tanh(x/2)) / 2, one MUFU instruction.
__device__ __forceinline__ float frg_sigmoid(float x) { return fmaf(0.5f, frg_tanh_approx_(0.5f * x), 0.5f); }
__device__ __forceinline__ float frg_log(float x) { return __logf(x); }
// log(1 + e) for e in [0, 1]: 1 + e rounds away e below 2^-24, an absolute error under 6e-8.
__device__ __forceinline__ float frg_log1p_unit_(float e) { return __logf(1.0f + e); }
#else
__device__ __forceinline__ float frg_exp(float x) { return expf(x); }
__device__ __forceinline__ float frg_tanh(float x) { return tanhf(x); }
// The branch keeps expf's argument non-positive, so neither side overflows.
__device__ __forceinline__ float frg_sigmoid(float x)
{
    if (x >= 0.0f) return 1.0f / (1.0f + expf(-x));
    const float e = expf(x);
    return e / (1.0f + e);
}
__device__ __forceinline__ float frg_log(float x) { return logf(x); }
__device__ __forceinline__ float frg_log1p_unit_(float e) { return log1pf(e); }
#endif

// log(1 + e^x) = max(x, 0) + log(1 + e^-|x|): finite for every finite x.
__device__ __forceinline__ float frg_softplus(float x) { return fmaxf(x, 0.0f) + frg_log1p_unit_(frg_exp(-fabsf(x))); }
// log(sigmoid(x)) = -softplus(-x).
__device__ __forceinline__ float frg_logsigmoid(float x) { return -frg_softplus(-x); }
__device__ __forceinline__ float frg_relu(float x) { return x > 0.0f ? x : 0.0f; }
// The first argument wins ties, as in CellMath.Max/Min.
__device__ __forceinline__ float frg_max(float a, float b) { return a >= b ? a : b; }
__device__ __forceinline__ float frg_min(float a, float b) { return a <= b ? a : b; }

#endif  // FRG_MATH_CUH
