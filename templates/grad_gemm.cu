// grad_gemm.cu - the weight gradients, large fully parallel matrix products after the backward recurrence:
//   frg_grad_r           dR[g, h, i, j] = sum_{b, t} s_rec(t-1)[b, h, i] dgate[b, t, g, h, j]
//                        dbias[g, h, j] = sum_{b, t} dgate[b, t, g, h, j]
//                        where dgate is drec (drec_t: bfloat16 or float32), or dWx (storage dtype) when
//                        kGradFromDwx (frg_config.cuh: summed gates, whose dWx equals drec; frg_grad_r_reads_dwx
//                        tells the host which);
//                        optionally split over the B*T rows (split-K) to fill the GPU when DH and NH are small;
//   frg_grad_reduce      then adds the splits' partial sums in a fixed order (deterministic, no atomics).
// frg_grad_r is a tiled tensor-core GEMM (frg_gemm.cuh; float32 plans use exact float32 FMA). s_rec(t-1) is the stored
// recurrent state (in the storage dtype), the same values the forward's matrix product used. Recomputing the gates
// for a backward without stored gates is recompute_gates.cu: a separate program, so a training step (gates stored)
// neither compiles nor waits for it (its first call waits for the longest of its compiles, gpu-run-28/29).
#include "frg_common.cuh"
#include "frg_gemm.cuh"

namespace frg {

// dR for one head: rows m = i (DH), columns n = (g, j) (G*DH), reduction over the B*T rows r = b T + t (this CTA's
// split: rows [k_begin, k_end)). Writes dR/dbias-shaped results to dR/dbias (the final ones, or a split's partials).
// Tiles of C: 64 x 64 (128 threads) by default; 128 x 128 (256 threads) for 16-bit plans with DH >= 128, where the
// B*T x G*DH dgate dominates the traffic and each CTA re-reads it for every 64 rows of DH: at 1x768 (B*T = 16384)
// 64 x 64 tiles read dgate 12 times (LSTM's bfloat16 dWx: 101 MB; GRU's drec as much, 151 MB in float32 before
// gpu-run-64) and the states (25 MB) 48 times through L2 per call, 128 x 128 tiles half that.
// FRG_WIDE_GRAD_TILES (0 or 1) overrides the rule, to time both tilings on one plan (templates/tools/grad_profile.py).
#ifdef FRG_WIDE_GRAD_TILES
inline constexpr bool kWideGradTiles = FRG_WIDE_GRAD_TILES != 0;
#else
inline constexpr bool kWideGradTiles = FRG_DTYPE != 0 && kHeadSize >= 128;
#endif
typedef select_type<kWideGradTiles, gemm::Shape<128, 128, 2, 4>, gemm::DefaultShape>::type GradShape;
typedef select_type<kGradFromDwx, store_t, drec_t>::type dgate_t;
struct GradROp {
    typedef store_t XSrc;
    typedef dgate_t YSrc;
    static constexpr bool kXKMajor = true, kYKMajor = true, kVec = kHeadSize % 8 == 0, kColSums = true;
    const store_t *states, *initial;
    const dgate_t* dgate;
    float *dR, *dbias;
    int B, T, h;
    int M, N, K, k_begin, k_end;
    Divisor by_T;
    __device__ GradROp(const store_t* states_, const store_t* initial_, const dgate_t* dgate_, float* dR_, float* dbias_,
        int B_, int T_, int h_, int k_begin_, int k_end_)
        : states(states_), initial(initial_), dgate(dgate_), dR(dR_), dbias(dbias_), B(B_), T(T_), h(h_), M(kHeadSize),
          N(kGates * kHeadSize), K(B_ * T_), k_begin(k_begin_), k_end(k_end_), by_T(T_) {}
    __device__ const store_t* x_ptr(int m, int k) const
    {
        const int b = by_T.div(k), t = k - b * T;
        return srec_row(states, initial, B, T, b, t, h) + m;
    }
    __device__ const dgate_t* y_ptr(int k, int n) const
    {
        const int g = n / kHeadSize, j = n - g * kHeadSize;
        return dgate + static_cast<i64>(k) * kGHD + (static_cast<i64>(g) * kHeads + h) * kHeadSize + j;
    }

    // Cursors (gemm::RunCursors). X's row k = (b, t) is the stored state row k - 1 (rows b T + t' are consecutive)
    // for t > 0 and the initial state of b at t == 0, so a cursor carries both and t; Y's rows are kGHD apart.
    static constexpr bool kCursors = kVec;
    struct XCursor {
        const store_t *row, *first;  // the stored row k - 1, the initial state of row k's batch row (at column m)
        int t;                       // k % T
    };
    struct YCursor {
        const dgate_t* p;
    };
    __device__ XCursor x_cursor(int k, int m) const
    {
        const int b = by_T.div(k), t = k - b * T;
        const i64 col = static_cast<i64>(h) * kHeadSize + m;
        // (at k = 0 `row` points one row before the states; it is only read where t > 0, after it has moved on)
        return {states + (static_cast<i64>(kRecState) * B * T + k - 1) * kHD + col,
            initial + (static_cast<i64>(kRecState) * B + b) * kHD + col, t};
    }
    __device__ const store_t* x_src(const XCursor& c) const { return c.t == 0 ? c.first : c.row; }
    __device__ void x_next(XCursor& c) const
    {
        c.row += gemm::kBK * kHD;
        c.t += gemm::kBK;
        while (c.t >= T) {  // into the next batch row (more than once only when T < kBK)
            c.t -= T;
            c.first += kHD;
        }
    }
    __device__ YCursor y_cursor(int k, int n) const { return {y_ptr(k, n)}; }
    __device__ const dgate_t* y_src(const YCursor& c) const { return c.p; }
    __device__ void y_next(YCursor& c) const { c.p += gemm::kBK * kGHD; }
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

// 1 when frg_grad_r's gate gradient is dWx (storage dtype), 0 when it is drec; read by the host.
extern "C" __constant__ int frg_grad_r_reads_dwx = kGradFromDwx ? 1 : 0;
// Bytes of one drec element (frg_types.cuh: drec_t), which the host allocates for the backwards to write.
extern "C" __constant__ int frg_drec_bytes = static_cast<int>(sizeof(drec_t));

// Elements of one split's partial result: dR [G, NH, DH, DH] followed by dbias [G, NH, DH].
inline constexpr long long kGradElems = static_cast<long long>(kGates) * kHeads * kHeadSize * (kHeadSize + 1);

// Launch facts for the host: the C tile (rows of DH, columns of G*DH) and threads of frg_grad_r.
extern "C" __constant__ int frg_grad_r_launch[3] = {GradShape::kBM, GradShape::kBN, GradShape::kThreads};

// Grid (ceil(G*DH/BN), ceil(DH/BM), NH * splits), threads from frg_grad_r_launch; split s = blockIdx.z / NH takes rows
// [s k_chunk, (s+1) k_chunk) of the B*T rows (k_chunk a multiple of 32). One split (gridDim.z == NH): writes dR
// [G, NH, DH, DH] and dbias [G, NH, DH] (float32, not accumulated) and `partial` is unused. Several: writes split s's
// sums to partial[s * kGradElems ...] and frg_grad_reduce finishes.
extern "C" __global__ void __launch_bounds__(GradShape::kThreads) frg_grad_r(const store_t* states, const store_t* initial,
    const dgate_t* dgate, float* dR, float* dbias, int B, int T, int k_chunk, float* partial)
{
    const int h = static_cast<int>(blockIdx.z) % kHeads, split = static_cast<int>(blockIdx.z) / kHeads;
    const int k_begin = split * k_chunk, k_end = min_int(B * T, k_begin + k_chunk);
    float* out_r = dR;
    float* out_b = dbias;
    if (gridDim.z > static_cast<unsigned>(kHeads)) {
        out_r = partial + split * kGradElems;
        out_b = out_r + static_cast<long long>(kGates) * kHeads * kHeadSize * kHeadSize;
    }
    gemm::run<GradShape>(GradROp(states, initial, dgate, out_r, out_b, B, T, h, k_begin, k_end));
}

// One thread per element of dR and dbias (G NH DH (DH + 1) of them); grid ceil(that / 256), 256 threads:
// sums the `splits` partial results of frg_grad_r in split order.
extern "C" __global__ void __launch_bounds__(256) frg_grad_reduce(const float* partial, int splits, float* dR,
    float* dbias)
{
    const long long idx = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= kGradElems) return;
    float sum = 0.0f;
    for (int s = 0; s < splits; ++s) sum += partial[s * kGradElems + idx];
    const long long n_r = static_cast<long long>(kGates) * kHeads * kHeadSize * kHeadSize;
    if (idx < n_r) dR[idx] = sum;
    else dbias[idx - n_r] = sum;
}
