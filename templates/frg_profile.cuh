// frg_profile.cuh - optional per-phase cycle counts of a fused kernel's time step (FRG_STEP_PROFILE=1), for
// performance work (templates/tools/step_profile.py). Off by default: every call below compiles to nothing. Both
// fused kernels place marks; their phases are listed in step_profile.py and at the marks.
//
// Two threads record: lane 0 of the first warp and lane 0 of the last warp of CTA (0, 0, 0). Each sums, over all
// steps, the SM cycles (clock64) between consecutive marks; at the end it writes the sums to
// frg_step_profile[slot][phase] (slot 0: first warp, 1: last warp) and the step count to frg_step_profile[slot][7].
// Marks measure when a thread passes them: an MMA's latency shows in the phase that first reads its result.
#ifndef FRG_PROFILE_CUH
#define FRG_PROFILE_CUH

#include "frg_config.cuh"

#ifndef FRG_STEP_PROFILE
#define FRG_STEP_PROFILE 0
#endif

#if FRG_STEP_PROFILE
extern "C" __device__ unsigned long long frg_step_profile[2][8] = {};
#endif

namespace frg {

struct StepProfile {
#if FRG_STEP_PROFILE
    long long last = 0;
    unsigned long long sum[7] = {};
    unsigned long long steps = 0;
    int slot = -1;
    __device__ StepProfile()
    {
        const int warp = static_cast<int>(threadIdx.x) >> 5, lane = static_cast<int>(threadIdx.x) & 31;
        if (blockIdx.x == 0 && blockIdx.y == 0 && blockIdx.z == 0 && lane == 0)
            slot = warp == 0 ? 0 : (warp == kWarps - 1 ? 1 : -1);
    }
    __device__ __forceinline__ void start()
    {
        if (slot >= 0) last = clock64();
    }
    __device__ __forceinline__ void mark(int phase)
    {
        if (slot < 0) return;
        const long long now = clock64();
        sum[phase] += static_cast<unsigned long long>(now - last);
        last = now;
    }
    __device__ __forceinline__ void end_step()
    {
        if (slot >= 0) ++steps;
    }
    __device__ __forceinline__ void flush()
    {
        if (slot < 0) return;
        for (int p = 0; p < 7; ++p) frg_step_profile[slot][p] = sum[p];
        frg_step_profile[slot][7] = steps;
    }
#else
    __device__ __forceinline__ void start() {}
    __device__ __forceinline__ void mark(int) {}
    __device__ __forceinline__ void end_step() {}
    __device__ __forceinline__ void flush() {}
#endif
};

}  // namespace frg

#endif  // FRG_PROFILE_CUH
