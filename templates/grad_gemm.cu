// grad_gemm.cu - the large, fully parallel matrix products around the backward recurrence:
//   frg_recompute_gates  gates[b, t, g, h, j] = s_rec(t-1)[b, h, :] . R[g, h, :, j] + bias[g, h, j] for all (b, t)
//                        at once, from the stored states (before the fused backward when FRG_STORE_GATES == 0)
//   frg_grad_r           dR[g, h, i, j] = sum_{b, t} s_rec(t-1)[b, h, i] drec[b, t, g, h, j]
//                        dbias[g, h, j] = sum_{b, t} drec[b, t, g, h, j]
// Both are tiled tensor-core GEMMs (frg_gemm.cuh; float32 plans use exact float32 FMA). s_rec(t-1) is the stored
// recurrent state (in the storage dtype), the same values the forward's matrix product used.
#include "frg_common.cuh"
#include "frg_gemm.cuh"

namespace frg {

// dR for one head: rows m = i (DH), columns n = (g, j) (G*DH), reduction over the B*T rows r = b T + t.
struct GradROp {
    typedef store_t XSrc;
    typedef float YSrc;
    static constexpr bool kXKMajor = true, kYKMajor = true, kVec = kHeadSize % 8 == 0, kColSums = true;
    const store_t *states, *initial;
    const float* drec;
    float *dR, *dbias;
    int B, T, h;
    int M, N, K;
    __device__ GradROp(const store_t* states_, const store_t* initial_, const float* drec_, float* dR_, float* dbias_,
        int B_, int T_, int h_)
        : states(states_), initial(initial_), drec(drec_), dR(dR_), dbias(dbias_), B(B_), T(T_), h(h_), M(kHeadSize),
          N(kGates * kHeadSize), K(B_ * T_) {}
    __device__ const store_t* x_ptr(int m, int k) const
    {
        const int b = k / T, t = k - b * T;
        return srec_row(states, initial, B, T, b, t, h) + m;
    }
    __device__ const float* y_ptr(int k, int n) const
    {
        const int g = n / kHeadSize, j = n - g * kHeadSize;
        return drec + static_cast<i64>(k) * kGHD + (static_cast<i64>(g) * kHeads + h) * kHeadSize + j;
    }
    __device__ void store(int m, int n, float c) const
    {
        const int g = n / kHeadSize, j = n - g * kHeadSize;
        dR[((static_cast<i64>(g) * kHeads + h) * kHeadSize + m) * kHeadSize + j] = c;
    }
    __device__ void store_colsum(int n, float sum) const
    {
        const int g = n / kHeadSize, j = n - g * kHeadSize;
        dbias[(static_cast<i64>(g) * kHeads + h) * kHeadSize + j] = sum;
    }
};

}  // namespace frg

using namespace frg;

// Grid (ceil(G*DH/64), ceil(B*T/64), NH), 128 threads. gates: [B, T, G, NH, DH] float32.
extern "C" __global__ void __launch_bounds__(gemm::kThreads) frg_recompute_gates(const store_t* states,
    const store_t* initial, const store_t* R, const store_t* bias, float* gates, int B, int T)
{
    gemm::run(RecGemmOp(states, initial, R, bias, gates, B, T, -1, T * kGHD, kGHD, static_cast<int>(blockIdx.z)));
}

// Grid (ceil(G*DH/64), ceil(DH/64), NH), 128 threads. dR [G, NH, DH, DH] and dbias [G, NH, DH] float32, written
// (not accumulated).
extern "C" __global__ void __launch_bounds__(gemm::kThreads) frg_grad_r(const store_t* states, const store_t* initial,
    const float* drec, float* dR, float* dbias, int B, int T)
{
    gemm::run(GradROp(states, initial, drec, dR, dbias, B, T, static_cast<int>(blockIdx.z)));
}
