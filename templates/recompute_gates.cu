// recompute_gates.cu - the forward's gate parts for a backward whose forward did not keep them (FRG_STORE_GATES == 0
// in the fused forward, or KeepGatesForBackward off):
//   frg_recompute_gates  gates[b, t, g, h, j] = s_rec(t-1)[b, h, :] . R[g, h, :, j] + bias[g, h, j] for all (b, t)
//                        at once, from the stored states: one tiled tensor-core GEMM (frg_gemm.cuh; float32 plans use
//                        exact float32 FMA), before the backward recurrence.
// Its own program rather than part of grad_gemm.cu: a training step with stored gates never needs it, and NVRTC time
// on a first call is the longest of the programs compiled side by side.
#include "frg_common.cuh"
#include "frg_gemm.cuh"

using namespace frg;

// Grid (ceil(G*DH/64), ceil(B*T/64), NH), 128 threads. gates: [B, T, G, NH, DH] float32.
extern "C" __global__ void __launch_bounds__(gemm::kThreads) frg_recompute_gates(const store_t* states,
    const store_t* initial, const store_t* R, const store_t* bias, float* gates, int B, int T)
{
    gemm::run(RecGemmOp(states, initial, R, bias, gates, B, T, -1, T * kGHD, kGHD, static_cast<int>(blockIdx.z)));
}
