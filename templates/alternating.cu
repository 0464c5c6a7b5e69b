// alternating.cu - the per-step kernels of the alternating path: any head size, any batch, every dtype.
//
// Forward, for t = 0 .. T-1 (the host captures the 2T launches in a CUDA graph):
//   frg_alt_rec_gemm(t)            gates(t)[b, g, h, j] = s_rec(t-1)[b, h, :] . R[g, h, :, j] + bias[g, h, j]
//   frg_alt_pointwise_forward(t)   the cell for every (b, h, j): states[:, b, t], the float32 running states, last
// Backward, for t = T-1 .. 0, then once more:
//   [frg_alt_rec_gemm(t) into a scratch row when the forward did not keep the gates]
//   frg_alt_pointwise_backward(t)  the cell's backward: dWx[b, t], drec[b, t] and the carried state gradients
//   frg_alt_ds_gemm(t)             ds_rec(t-1)[b, h, i] = sum_{g, j} drec[b, t, g, h, j] R[g, h, i, j]
//   frg_alt_backward_finalize      dInitial = carried gradient + ds_rec(-1)
// dR and dbias then come from grad_gemm.cu. Exact layouts and launch shapes: README.md.
//
// The running states are kept in a float32 workspace between steps (not re-read from the rounded stored states), so
// the alternating forward computes what the fused forward computes, which keeps its states in float32 registers.
#include "frg_common.cuh"
#include "frg_gemm.cuh"

namespace frg {

// ds_rec[b, h, i] = sum_{g, j} drec[b, t, g, h, j] R[g, h, i, j]: rows m = b, columns n = i, reduction over (g, j).
struct DsGemmOp {
    typedef drec_t XSrc;
    typedef store_t YSrc;
    static constexpr bool kXKMajor = false, kYKMajor = false, kVec = kHeadSize % 8 == 0, kColSums = false;
    static constexpr bool kCursors = false;
    const drec_t* drec;
    const store_t* R;
    float* ds_rec;
    int T, t, h;
    int M, N, K, k_begin, k_end;
    __device__ DsGemmOp(const drec_t* drec_, const store_t* R_, float* ds_rec_, int B, int T_, int t_, int h_)
        : drec(drec_), R(R_), ds_rec(ds_rec_), T(T_), t(t_), h(h_), M(B), N(kHeadSize), K(kGates * kHeadSize),
          k_begin(0), k_end(kGates * kHeadSize) {}
    __device__ const drec_t* x_ptr(int m, int k) const
    {
        const int g = k / kHeadSize, j = k - g * kHeadSize;
        return drec + (static_cast<i64>(m) * T + t) * kGHD + (static_cast<i64>(g) * kHeads + h) * kHeadSize + j;
    }
    __device__ const store_t* y_ptr(int k, int n) const
    {
        const int g = k / kHeadSize, j = k - g * kHeadSize;
        return R + ((static_cast<i64>(g) * kHeads + h) * kHeadSize + n) * kHeadSize + j;
    }
    __device__ void store(int m, int n, float c) const { ds_rec[static_cast<i64>(m) * kHD + h * kHeadSize + n] = c; }
    __device__ void store_colsum(int, float) const {}
};

// Index of (state s, batch b, head/unit hj) in a [S, B, NH, DH] tensor, and of (s, b, t, hj) in [S, B, T, NH, DH].
__device__ __forceinline__ i64 sb_index(int s, int b, int B, int hj)
{
    return (static_cast<i64>(s) * B + b) * kHD + hj;
}
__device__ __forceinline__ i64 sbt_index(int s, int b, int t, int B, int T, int hj)
{
    return ((static_cast<i64>(s) * B + b) * T + t) * kHD + hj;
}

}  // namespace frg

using namespace frg;

// Grid (ceil(G*DH/64), ceil(B/64), NH), 128 threads. See RecGemmOp for the strides.
extern "C" __global__ void __launch_bounds__(gemm::kThreads) frg_alt_rec_gemm(const store_t* states,
    const store_t* initial, const store_t* R, const store_t* bias, float* gates, int B, int T, int t,
    int gates_b_stride, int gates_t_stride)
{
    gemm::run(RecGemmOp(states, initial, R, bias, gates, B, T, t, gates_b_stride, gates_t_stride,
        static_cast<int>(blockIdx.z)));
}

// One thread per (b, h, j); grid ceil(B*NH*DH / 256), 256 threads.
extern "C" __global__ void __launch_bounds__(256) frg_alt_pointwise_forward(const store_t* Wx, const float* gates,
    int gates_b_stride, int gates_t_stride, const store_t* initial, float* state_ws, store_t* states, store_t* last,
    int B, int T, int t)
{
    const i64 idx = static_cast<i64>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= static_cast<i64>(B) * kHD) return;
    const int b = static_cast<int>(idx / kHD), hj = static_cast<int>(idx - static_cast<i64>(b) * kHD);
    const i64 wx_row = (static_cast<i64>(b) * T + t) * kGHD;
    const i64 g_row = static_cast<i64>(b) * gates_b_stride + static_cast<i64>(t) * gates_t_stride;
    float gin[kGates], grec[kGates], s[kStates], s_new[kStates];
#pragma unroll
    for (int g = 0; g < kGates; ++g) {
        gin[g] = to_float(Wx[wx_row + g * kHD + hj]);
        grec[g] = gates[g_row + g * kHD + hj];
    }
#pragma unroll
    for (int q = 0; q < kStates; ++q)
        s[q] = t == 0 ? to_float(initial[sb_index(q, b, B, hj)]) : state_ws[sb_index(q, b, B, hj)];
    cell_forward(gin, grec, s, s_new, t == 0);
#pragma unroll
    for (int q = 0; q < kStates; ++q) {
        state_ws[sb_index(q, b, B, hj)] = s_new[q];
        states[sbt_index(q, b, t, B, T, hj)] = to_store(s_new[q]);
        if (t == T - 1) last[sb_index(q, b, B, hj)] = to_store(s_new[q]);
    }
}

// One thread per (b, h, j); grid ceil(B*NH*DH / 256), 256 threads. dStates and dLast may be null (zero gradient).
// ds_carry [S, B, NH, DH] float32 carries dL/ds(t) between steps (read from dLast at t == T-1); ds_rec [B, NH, DH]
// holds drec(t+1) R^T from frg_alt_ds_gemm (not read at t == T-1).
extern "C" __global__ void __launch_bounds__(256) frg_alt_pointwise_backward(const store_t* Wx, const float* gates,
    int gates_b_stride, int gates_t_stride, const store_t* initial, const store_t* states, const store_t* dStates,
    const store_t* dLast, float* ds_carry, const float* ds_rec, store_t* dWx, drec_t* drec, int B, int T, int t)
{
    const i64 idx = static_cast<i64>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= static_cast<i64>(B) * kHD) return;
    const int b = static_cast<int>(idx / kHD), hj = static_cast<int>(idx - static_cast<i64>(b) * kHD);
    const bool last_step = t == T - 1;
    const i64 wx_row = (static_cast<i64>(b) * T + t) * kGHD;
    const i64 g_row = static_cast<i64>(b) * gates_b_stride + static_cast<i64>(t) * gates_t_stride;
    float gin[kGates], grec[kGates], s[kStates], ds_new[kStates], dgin[kGates], dgrec[kGates], ds[kStates];
#pragma unroll
    for (int g = 0; g < kGates; ++g) {
        gin[g] = to_float(Wx[wx_row + g * kHD + hj]);
        grec[g] = gates[g_row + g * kHD + hj];
    }
#pragma unroll
    for (int q = 0; q < kStates; ++q) {
        s[q] = t == 0 ? to_float(initial[sb_index(q, b, B, hj)]) : to_float(states[sbt_index(q, b, t - 1, B, T, hj)]);
        const float carried = last_step ? load_f32_or0(dLast, sb_index(q, b, B, hj)) : ds_carry[sb_index(q, b, B, hj)];
        ds_new[q] = carried + load_f32_or0(dStates, sbt_index(q, b, t, B, T, hj));
        if (q == kRecState && !last_step) ds_new[q] += ds_rec[idx];
    }
    cell_backward(gin, grec, s, t == 0, ds_new, dgin, dgrec, ds);
#pragma unroll
    for (int g = 0; g < kGates; ++g) {
        dWx[wx_row + g * kHD + hj] = to_store(dgin[g]);
        drec[wx_row + g * kHD + hj] = to_drec(dgrec[g]);
    }
#pragma unroll
    for (int q = 0; q < kStates; ++q) ds_carry[sb_index(q, b, B, hj)] = ds[q];
}

// Grid (ceil(DH/64), ceil(B/64), NH), 128 threads: ds_rec[b, h, :] = drec[b, t] R^T for one step t.
extern "C" __global__ void __launch_bounds__(gemm::kThreads) frg_alt_ds_gemm(const drec_t* drec, const store_t* R,
    float* ds_rec, int B, int T, int t)
{
    gemm::run(DsGemmOp(drec, R, ds_rec, B, T, t, static_cast<int>(blockIdx.z)));
}

// One thread per (b, h, j); grid ceil(B*NH*DH / 256), 256 threads, after the t = 0 backward step and its ds GEMM:
// dInitial = ds_carry + ds_rec on the recurrent state. Needs T >= 1 (with T == 0, dInitial is simply dLast).
extern "C" __global__ void __launch_bounds__(256) frg_alt_backward_finalize(const float* ds_carry,
    const float* ds_rec, store_t* dInitial, int B)
{
    const i64 idx = static_cast<i64>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= static_cast<i64>(B) * kHD) return;
    const int b = static_cast<int>(idx / kHD), hj = static_cast<int>(idx - static_cast<i64>(b) * kHD);
#pragma unroll
    for (int q = 0; q < kStates; ++q) {
        float d = ds_carry[sb_index(q, b, B, hj)];
        if (q == kRecState) d += ds_rec[idx];
        dInitial[sb_index(q, b, B, hj)] = to_store(d);
    }
}
