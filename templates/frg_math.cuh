// frg_math.cuh - the functions of the cell language, as the generated cell code calls them.
//
// This header comes FIRST in a kernel source, before the generated cell functions (which call these), so it depends
// on nothing else. Semantics match runtime/FlashRnn.Runtime/Cpu/CellMath.cs (the CPU reference), including the
// tie-breaking of max/min, which fixes the branch a derived backward takes.
//
// Accuracy (default, FRG_FAST_MATH unset or 0): CUDA's accurate single-precision library functions (expf, tanhf,
// logf, log1pf: at most 2 ulp in the CUDA math documentation) and IEEE division; the backward tests compare against
// float64 and need this. With FRG_FAST_MATH=1, exp uses __expf (ex2.approx: error grows with |x|, about 2 + 1.16|x|
// ulp), tanh/sigmoid use tanh.approx.f32 (relative error about 2^-11), a cell's division (frg_div) multiplies by
// rcp.approx (a few ulp), and softplus/logsigmoid take log(1 + e) with __logf (absolute error below 2^-21 on [1, 2],
// against ~40 instructions for log1pf; gpu-run-24: sLSTM 12x64 forward step 1403 -> 1244 cycles): faster, still fine
// for bfloat16 storage, but not for tight float32 comparisons. FRG_FAST_MATH=2 is the float32 tier (the runtime's
// default for float32): exp, tanh and sigmoid from ex2.approx and rcp.approx with the exponent's rounding error taken
// out by an FMA, relative error a few 1e-7 (2-3 ulp; against the library's 2 ulp); division as rcp.approx and one
// Newton step; log and log1p stay the library's. The library functions' slow paths made the float32 cell phase 2354
// of a 3682-cycle LSTM 12x64 forward step (tanh.approx: 322, gpu-run-40/41).
#ifndef FRG_MATH_CUH
#define FRG_MATH_CUH

// The MUFU approximations, as inline PTX (the CPU emulator, tools/emu, defines FRG_EMULATED and takes the library's).
#if defined(FRG_EMULATED)
__device__ __forceinline__ float frg_tanh_approx_(float x) { return tanhf(x); }
__device__ __forceinline__ float frg_ex2_approx_(float x) { return exp2f(x); }
__device__ __forceinline__ float frg_rcp_approx_(float x) { return 1.0f / x; }
#else
__device__ __forceinline__ float frg_tanh_approx_(float x)
{
    float y;
    asm("tanh.approx.f32 %0, %1;" : "=f"(y) : "f"(x));
    return y;
}
// 2^x, relative error about 2 ulp (results below 2^-126 flush to zero).
__device__ __forceinline__ float frg_ex2_approx_(float x)
{
    float y;
    asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
    return y;
}
// 1 / x, at most 1 ulp off.
__device__ __forceinline__ float frg_rcp_approx_(float x)
{
    float y;
    asm("rcp.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
    return y;
}
#endif

#if defined(FRG_FAST_MATH) && FRG_FAST_MATH == 1
__device__ __forceinline__ float frg_exp(float x) { return __expf(x); }
__device__ __forceinline__ float frg_tanh(float x) { return frg_tanh_approx_(x); }
// sigmoid(x) = (1 + tanh(x/2)) / 2, one MUFU instruction.
__device__ __forceinline__ float frg_sigmoid(float x) { return fmaf(0.5f, frg_tanh_approx_(0.5f * x), 0.5f); }
__device__ __forceinline__ float frg_log(float x) { return __logf(x); }
// a / b as a * (1 / b): two instructions instead of IEEE division's refinement and slow-path test. Within 3.3 ulp
// where rcp.approx is within 1 ulp (a host simulation of 200,000 quotients of operands in 2^-29..2^29).
__device__ __forceinline__ float frg_div(float a, float b) { return a * frg_rcp_approx_(b); }
// log(1 + e) for e in [0, 1]: 1 + e rounds away e below 2^-24, an absolute error under 6e-8.
__device__ __forceinline__ float frg_log1p_unit_(float e) { return __logf(1.0f + e); }
#elif defined(FRG_FAST_MATH) && FRG_FAST_MATH == 2
// e^x = 2^(x log2 e). x log2 e is split into hi + lo with an FMA (log2 e = 1.44269502f + 1.9259630e-8), so the
// rounding of the product, which would grow the error with |x| as in __expf, is added back as 2^lo = 1 + lo ln 2.
__device__ __forceinline__ float frg_exp(float x)
{
    const float hi = x * 1.44269502f;
    const float lo = fmaf(x, 1.44269502f, -hi) + x * 1.9259630e-8f;
    return frg_ex2_approx_(hi) * fmaf(lo, 0.693147181f, 1.0f);
}
// |x| < 0.55: the odd Taylor series to x^15 (the first term left out is below 5e-8 of |tanh x| there); above, 1 - 2 /
// (e^2|x| + 1), where tanh >= 0.5 so the subtraction loses at most one bit.
__device__ __forceinline__ float frg_tanh(float x)
{
    const float a = fabsf(x);
    if (a < 0.55f) {
        const float s = x * x;
        float p = fmaf(s, -1.4558344e-3f, 3.5921280e-3f);  // -929569/638512875, 21844/6081075
        p = fmaf(s, p, -8.8632355e-3f);                     // -1382/155925
        p = fmaf(s, p, 2.1869489e-2f);                      // 62/2835
        p = fmaf(s, p, -5.3968254e-2f);                     // -17/315
        p = fmaf(s, p, 1.3333333e-1f);                      // 2/15
        p = fmaf(s, p, -3.3333333e-1f);                     // -1/3
        return fmaf(x * s, p, x);
    }
    return copysignf(fmaf(-2.0f, frg_rcp_approx_(1.0f + frg_exp(2.0f * a)), 1.0f), x);
}
// 1 / (1 + e^-x): for x -> -inf the reciprocal of a large (or infinite) number, no cancellation either way.
__device__ __forceinline__ float frg_sigmoid(float x) { return frg_rcp_approx_(1.0f + frg_exp(-x)); }
__device__ __forceinline__ float frg_log(float x) { return logf(x); }
__device__ __forceinline__ float frg_log1p_unit_(float e) { return log1pf(e); }
// a / b: the reciprocal's quotient and one Newton step on its residual (within 0.5 ulp in the same simulation),
// without IEEE division's slow-path test (which only matters for denormal or huge operands).
__device__ __forceinline__ float frg_div(float a, float b)
{
    const float r = frg_rcp_approx_(b);
    const float q = a * r;
    return fmaf(fmaf(-b, q, a), r, q);
}
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
__device__ __forceinline__ float frg_div(float a, float b) { return a / b; }
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
