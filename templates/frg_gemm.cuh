// frg_gemm.cuh - a tiled GEMM engine for the per-head matrix products outside the fused recurrence:
//   C[m, n] = sum_k X(m, k) Y(k, n)      (one head per blockIdx.z; one BM x BN tile of C per CTA: 64 x 64 with 128
//                                         threads by default, gemm::Shape for larger ones)
// An "operation" (Op) says where X and Y live and what to do with C; the engine stages BM x 32 and 32 x BN tiles in
// shared memory and multiplies them: with mma.sync (bfloat16/float16 plans, float32 accumulation) or with float32
// FMA (float32 plans, exact float32 arithmetic). Any M, N, K: the edges are zero-filled.
// Two ways to stage the tiles (gemm::run picks): cp.async copies the operands as they are stored into a ring of 2-4
// stages, requested that many k-tiles ahead, so a CTA's loads overlap its products (gpu-run-51: the single-buffered
// loop left the weight-gradient GEMM at ~110 MACs per cycle per SM whatever its occupancy; gpu-run-52: 1.46 -> 0.93 ms
// at LSTM 1x768). X must be stored in the MMA's type, Y too or in float32 (drec in a float16 plan: its fragments are
// rounded as the product reads them). Other operands (the alternating backward's float32 drec as X in float16 plans)
// go through registers into one buffer, converted on the way. FRG_GEMM_ASYNC=0 forces the register path (to time both).
//
// Op interface (all members const, inlined):
//   typedef XSrc, YSrc                store_t or float: element types in global memory
//   static constexpr bool kXKMajor    X(m, k) is contiguous along m (tile kept K-major) instead of along k
//   static constexpr bool kYKMajor    Y(k, n) is contiguous along n (tile kept K-major) instead of along k
//   static constexpr bool kVec        8 consecutive elements along the contiguous dimension (starting at a multiple
//                                     of 8) are contiguous in memory and 16-byte aligned
//   static constexpr bool kColSums    also sum Y over all k per column n (needs kYKMajor); CTAs with blockIdx.y == 0
//                                     hand the sums to store_colsum
//   static constexpr bool kCursors    gives per-run cursors along k for interior tiles (see RunCursors)
//   int M, N, K; int k_begin, k_end   this CTA's part of the reduction (a multiple of 32 rows apart, or 0..K)
//   const XSrc* x_ptr(int m, int k), const YSrc* y_ptr(int k, int n)   (called for in-range indices only)
//   void store(int m, int n, float c), void store_colsum(int n, float sum)
#ifndef FRG_GEMM_CUH
#define FRG_GEMM_CUH

#include "frg_common.cuh"

namespace frg {
namespace gemm {

inline constexpr int kBK = 32;
#if FRG_DTYPE == 0
typedef float tile_t;
inline constexpr int kPad = 4;  // 16 bytes
#else
typedef u16 tile_t;      // the MMA operand type (storage bits)
inline constexpr int kPad = 8;  // 16 bytes: ldmatrix rows of 8 consecutive tile rows fall in distinct banks
#endif

// A CTA's tile of C: BM x BN, computed by WARPS_M x WARPS_N warps of (BM / WARPS_M) x (BN / WARPS_N) each (16-bit
// plans; float32 plans use the default shape, whose FMA layout is fixed). A larger tile reads each operand element
// fewer times: a CTA re-reads the X elements of its rows for every BN columns and the Y elements for every BM rows.
template <int BM_, int BN_, int WARPS_M_, int WARPS_N_>
struct Shape {
    static constexpr int kBM = BM_, kBN = BN_, kWarpsM = WARPS_M_, kWarpsN = WARPS_N_;
    static constexpr int kThreads = 32 * kWarpsM * kWarpsN;
    static constexpr int kWarpM = kBM / kWarpsM, kWarpN = kBN / kWarpsN;  // one warp's sub-tile
    static_assert(kWarpM % 16 == 0 && kWarpN % 16 == 0, "gemm::Shape: warp sub-tiles of whole 16 x 16 MMA blocks");
    static_assert(kThreads >= kBN, "gemm::Shape: one thread per column sums Y");
    static constexpr int kTileElems = (kBK * (kBM + kPad) > kBM * (kBK + kPad)) ? kBK * (kBM + kPad) : kBM * (kBK + kPad);
};
typedef Shape<64, 64, 2, 2> DefaultShape;
inline constexpr int kBM = DefaultShape::kBM, kBN = DefaultShape::kBN, kThreads = DefaultShape::kThreads;

// One stage of staged tiles: X in the MMA's type; Y in it too, or float32 when a 16-bit plan's cp.async ring copies a
// float32 operand as it is (its fragments are rounded when the product reads them). Rows padded by 16 bytes.
template <class S, class YT = tile_t>
struct Smem {
    typedef YT y_type;
    static constexpr int kYPad = 16 / static_cast<int>(sizeof(YT));
    static constexpr int kYTileElems = (kBK * (S::kBN + kYPad) > S::kBN * (kBK + kYPad)) ? kBK * (S::kBN + kYPad)
                                                                                       : S::kBN * (kBK + kYPad);
    alignas(16) tile_t x[S::kTileElems];
    alignas(16) YT y[kYTileElems];
};

// ---- global -> shared: runs of 8 elements along the contiguous dimension ---------------------------------------------
__device__ __forceinline__ void load8(float (&v)[8], const float* p)
{
    const float4 a = *reinterpret_cast<const float4*>(p), b = *reinterpret_cast<const float4*>(p + 4);
    v[0] = a.x; v[1] = a.y; v[2] = a.z; v[3] = a.w; v[4] = b.x; v[5] = b.y; v[6] = b.z; v[7] = b.w;
}
#if FRG_DTYPE != 0
__device__ __forceinline__ void load8(float (&v)[8], const u16* p)
{
    const uint4 a = *reinterpret_cast<const uint4*>(p);
    const u32 w[4] = {a.x, a.y, a.z, a.w};
#pragma unroll
    for (int e = 0; e < 4; ++e) {
        v[2 * e] = to_float(static_cast<u16>(w[e] & 0xffffu));
        v[2 * e + 1] = to_float(static_cast<u16>(w[e] >> 16));
    }
}
#endif
__device__ __forceinline__ void store8(tile_t* dst, const float (&v)[8])
{
#if FRG_DTYPE == 0
    reinterpret_cast<float4*>(dst)[0] = make_float4(v[0], v[1], v[2], v[3]);
    reinterpret_cast<float4*>(dst)[1] = make_float4(v[4], v[5], v[6], v[7]);
#else
    *reinterpret_cast<uint4*>(dst) = make_uint4(pack2(v[0], v[1]), pack2(v[2], v[3]), pack2(v[4], v[5]), pack2(v[6], v[7]));
#endif
}

// Loads the run starting at (outer, inner) of an operand whose tile is [OUTER][INNER] (INNER contiguous), zero-filling
// outside [0, outer_n) x [0, inner_n). `at(outer, inner)` returns the element pointer.
template <bool kVec, class At>
__device__ __forceinline__ void load_run(float (&v)[8], const At& at, int outer, int inner, int outer_n, int inner_n)
{
    const int valid = outer < outer_n ? min_int(8, inner_n - inner) : 0;
    if (kVec && valid == 8) {
        load8(v, at(outer, inner));
    } else {
#pragma unroll
        for (int e = 0; e < 8; ++e) v[e] = e < valid ? to_float(*at(outer, inner + e)) : 0.0f;
    }
}

// Visits this thread's runs of 8 elements of the X tile (kY false: [BK][BM] when K-major, else [BM][BK]) or the Y
// tile (kY true: [BK][BN] or [BN][BK]) of k-tile k0: f(o, i, at, outer, inner, outer_n, inner_n) for the run at row o,
// column i of the tile, where at(outer, inner) points at the operand's element and [0, outer_n) x [0, inner_n) is its
// valid range. Both ways of staging (load_tiles, copy_tiles) walk the tiles through this.
template <class S, bool kY, class Op, class F>
__device__ __forceinline__ void for_each_run(const Op& op, int m0, int n0, int k0, const F& f)
{
    constexpr bool kKMajor = kY ? Op::kYKMajor : Op::kXKMajor;
    constexpr int kMN = kY ? S::kBN : S::kBM;  // the tile's extent along M (X) or N (Y)
    constexpr int kInner = kKMajor ? kMN : kBK, kOuter = kKMajor ? kBK : kMN;
    const int mn0 = kY ? n0 : m0, mn_n = kY ? op.N : op.M;
    const auto at_mn_k = [&](int mn, int k) {
        if constexpr (kY) return op.y_ptr(k, mn);
        else return op.x_ptr(mn, k);
    };
#pragma unroll
    for (int r = static_cast<int>(threadIdx.x); r < kOuter * kInner / 8; r += S::kThreads) {
        const int o = r / (kInner / 8), i = (r % (kInner / 8)) * 8;
        if (kKMajor)
            f(o, i, [&](int k, int mn) { return at_mn_k(mn, k); }, k0 + o, mn0 + i, op.K, mn_n);
        else
            f(o, i, at_mn_k, mn0 + o, k0 + i, mn_n, op.K);
    }
}

template <class S, class Op>
__device__ __forceinline__ void load_tiles(const Op& op, Smem<S>& s, float* colsum_tile, int m0, int n0, int k0)
{
    constexpr int kXLd = (Op::kXKMajor ? S::kBM : kBK) + kPad, kYLd = (Op::kYKMajor ? S::kBN : kBK) + kPad;
    for_each_run<S, false>(op, m0, n0, k0, [&](int o, int i, const auto& at, int outer, int inner, int outer_n, int inner_n) {
        float v[8];
        load_run<Op::kVec>(v, at, outer, inner, outer_n, inner_n);
        store8(s.x + o * kXLd + i, v);
    });
    for_each_run<S, true>(op, m0, n0, k0, [&](int o, int i, const auto& at, int outer, int inner, int outer_n, int inner_n) {
        float v[8];
        load_run<Op::kVec>(v, at, outer, inner, outer_n, inner_n);
        store8(s.y + o * kYLd + i, v);
        if (Op::kColSums && colsum_tile) {  // the float values, before rounding to the MMA type
#pragma unroll
            for (int e = 0; e < 8; ++e) colsum_tile[o * S::kBN + i + e] = v[e];
        }
    });
}

// ---- the product of one staged k-tile ------------------------------------------------------------------------------
#if FRG_DTYPE == 0
// float32: thread (ty, tx) = (tid / 16, tid % 16) owns rows ty + 8a (a < 8) and columns tx + 16c (c < 4).
template <class S>
struct Accumulators {
    static_assert(S::kBM == 64 && S::kBN == 64 && S::kThreads == 128, "float32 GEMM: the default 64 x 64 shape only");
    typedef float type[8][4];
};
template <class S, class Op, class Sm>
__device__ __forceinline__ void multiply_tile(const Sm& s, typename Accumulators<S>::type& acc)
{
    const int ty = static_cast<int>(threadIdx.x) / 16, tx = static_cast<int>(threadIdx.x) % 16;
#pragma unroll 4
    for (int k = 0; k < kBK; ++k) {
        float xa[8], yb[4];
#pragma unroll
        for (int a = 0; a < 8; ++a) {
            const int m = ty + 8 * a;
            xa[a] = Op::kXKMajor ? s.x[k * (kBM + kPad) + m] : s.x[m * (kBK + kPad) + k];
        }
#pragma unroll
        for (int c = 0; c < 4; ++c) {
            const int n = tx + 16 * c;
            yb[c] = Op::kYKMajor ? s.y[k * (kBN + kPad) + n] : s.y[n * (kBK + kPad) + k];
        }
#pragma unroll
        for (int a = 0; a < 8; ++a)
#pragma unroll
            for (int c = 0; c < 4; ++c) acc[a][c] = fmaf(xa[a], yb[c], acc[a][c]);
    }
}
template <class S, class Op>
__device__ __forceinline__ void store_acc(const Op& op, const typename Accumulators<S>::type& acc, int m0, int n0)
{
    const int ty = static_cast<int>(threadIdx.x) / 16, tx = static_cast<int>(threadIdx.x) % 16;
#pragma unroll
    for (int a = 0; a < 8; ++a)
#pragma unroll
        for (int c = 0; c < 4; ++c) {
            const int m = m0 + ty + 8 * a, n = n0 + tx + 16 * c;
            if (m < op.M && n < op.N) op.store(m, n, acc[a][c]);
        }
}
#else
// 16-bit: warp w owns the sub-tile at rows kWarpM (w % WARPS_M), columns kWarpN (w / WARPS_M): MI x NI mma tiles of
// 16x8 (the default shape: 32 x 32, 2 x 4).
template <class S>
struct Accumulators {
    static constexpr int MI = S::kWarpM / 16, NI = S::kWarpN / 8;
    typedef float type[MI][NI][4];
};
template <class S, class Op, class Sm>
__device__ __forceinline__ void multiply_tile(const Sm& s, typename Accumulators<S>::type& acc)
{
    constexpr int kBM = S::kBM, kBN = S::kBN, MI = Accumulators<S>::MI, NI = Accumulators<S>::NI, kYLd = kBN + Sm::kYPad;
    constexpr bool kFloatY = same_type<typename Sm::y_type, float>::value;
    static_assert(!kFloatY || Op::kYKMajor, "gemm: a float32 Y tile must be K-major");
    const int warp = static_cast<int>(threadIdx.x) >> 5, l = lane_id();
    const int wm = (warp % S::kWarpsM) * S::kWarpM, wn = (warp / S::kWarpsM) * S::kWarpN;
    const int j = l >> 3, r = l & 7;  // this lane addresses row r of 8x8 matrix j
#pragma unroll
    for (int ks = 0; ks < kBK; ks += 16) {
        FragA a[MI];
#pragma unroll
        for (int mi = 0; mi < MI; ++mi) {
            const int m = wm + 16 * mi;
            if (Op::kXKMajor)
                ldmatrix_x4_trans(a[mi].r, s.x + (ks + r + 8 * (j >> 1)) * (kBM + kPad) + m + 8 * (j & 1));
            else
                ldmatrix_x4(a[mi].r, s.x + (m + r + 8 * (j & 1)) * (kBK + kPad) + ks + 8 * (j >> 1));
        }
        FragB b[NI];
        if constexpr (kFloatY) {
            // B fragment of column n = lane / 4: rows k = 2 (lane % 4) + {0, 1} and + 8, rounded as the register path
            // rounds them (pack2). Row stride BN + 4 words: the 32 lanes' words fall in distinct banks.
            const int kq = ks + 2 * (l & 3);
#pragma unroll
            for (int ni = 0; ni < NI; ++ni) {
                const float* col = s.y + wn + 8 * ni + (l >> 2);
                b[ni].r[0] = pack2(col[kq * kYLd], col[(kq + 1) * kYLd]);
                b[ni].r[1] = pack2(col[(kq + 8) * kYLd], col[(kq + 9) * kYLd]);
            }
        } else {
#pragma unroll
            for (int p = 0; p < NI / 2; ++p) {
                const int n = wn + 16 * p;
                u32 q[4];
                if (Op::kYKMajor)
                    ldmatrix_x4_trans(q, s.y + (ks + r + 8 * (j & 1)) * kYLd + n + 8 * (j >> 1));
                else
                    ldmatrix_x4(q, s.y + (n + r + 8 * (j >> 1)) * (kBK + Sm::kYPad) + ks + 8 * (j & 1));
                b[2 * p].r[0] = q[0]; b[2 * p].r[1] = q[1]; b[2 * p + 1].r[0] = q[2]; b[2 * p + 1].r[1] = q[3];
            }
        }
#pragma unroll
        for (int mi = 0; mi < MI; ++mi)
#pragma unroll
            for (int ni = 0; ni < NI; ++ni) mma_16x8x16(acc[mi][ni], a[mi], b[ni]);
    }
}
template <class S, class Op>
__device__ __forceinline__ void store_acc(const Op& op, const typename Accumulators<S>::type& acc, int m0, int n0)
{
    constexpr int MI = Accumulators<S>::MI, NI = Accumulators<S>::NI;
    const int warp = static_cast<int>(threadIdx.x) >> 5;
    const int wm = m0 + (warp % S::kWarpsM) * S::kWarpM, wn = n0 + (warp / S::kWarpsM) * S::kWarpN;
#pragma unroll
    for (int mi = 0; mi < MI; ++mi)
#pragma unroll
        for (int ni = 0; ni < NI; ++ni)
#pragma unroll
            for (int v = 0; v < 4; ++v) {
                const int m = wm + 16 * mi + acc_row(v), n = wn + 8 * ni + acc_col(v);
                if (m < op.M && n < op.N) op.store(m, n, acc[mi][ni][v]);
            }
}
#endif

#ifndef FRG_GEMM_ASYNC
#define FRG_GEMM_ASYNC 1
#endif

// ---- global -> shared with cp.async: operands copied as they are stored ---------------------------------------------
// Whether gemm::run stages an Op's operands with cp.async, and the element type its Y tile then holds: X must be in the
// tiles' type; Y too, or float32 (K-major) in a 16-bit plan (GRU's drec), copied as it is and rounded by the product.
template <class Op>
struct AsyncCopies {
    static constexpr bool kYRaw = same_type<typename Op::YSrc, tile_t>::value;
    static constexpr bool kYFloat = !kYRaw && same_type<typename Op::YSrc, float>::value && Op::kYKMajor;
    static constexpr bool value = FRG_GEMM_ASYNC != 0 && same_type<typename Op::XSrc, tile_t>::value && (kYRaw || kYFloat);
    typedef typename select_type<kYRaw, tile_t, float>::type y_type;
};

// The stages of the ring: as many as fit 46 KB of static shared memory (under the 48 KB a kernel may have without
// opting in), between 2 and 4. 64 x 64 16-bit tiles: 10 KB a stage, 4 stages; with a float32 Y tile 14 KB, 3;
// 128 x 128 or float32 plans: 20 KB, 2; 128 x 128 with a float32 Y tile: 28 KB, so the register loop.
template <class Sm>
struct Ring {
    static constexpr int kStageBytes = static_cast<int>(sizeof(Sm));
    static constexpr int kFit = (46 * 1024) / kStageBytes;
    static constexpr bool kFits = kFit >= 2;  // else the register path: 128 x 128 with float32 Y (GRU, DH >= 128)
    static constexpr int kStages = kFit > 4 ? 4 : (kFit < 2 ? 2 : kFit);
};

// Requests the 8 elements at `src` (16-byte aligned) into `dst` with cp.async, 16 bytes a copy.
template <class D>
__device__ __forceinline__ void copy8_async(D* dst, const D* src)
{
    constexpr int kPerCopy = 16 / static_cast<int>(sizeof(D));
#pragma unroll
    for (int c = 0; c < 8 / kPerCopy; ++c) ptx::cp_async_16(dst + c * kPerCopy, src + c * kPerCopy, 16u);
}

// Copies the run of 8 elements at (outer, inner) of an operand whose tile is [OUTER][INNER] (INNER contiguous) into
// `dst`: with cp.async when the whole run is in range and aligned (kVec), else element by element with zeros outside
// [0, outer_n) x [0, inner_n) (plain shared-memory stores, ordered by the same barrier as the copies).
template <bool kVec, class D, class At>
__device__ __forceinline__ void copy_run(D* dst, const At& at, int outer, int inner, int outer_n, int inner_n)
{
    const int valid = outer < outer_n ? min_int(8, inner_n - inner) : 0;
    if (kVec && valid == 8) {
        copy8_async(dst, at(outer, inner));
    } else {
#pragma unroll
        for (int e = 0; e < 8; ++e) dst[e] = e < valid ? *at(outer, inner + e) : D(0);
    }
}

template <class S, class Op, class Sm>
__device__ __forceinline__ void copy_tiles(const Op& op, Sm& s, int m0, int n0, int k0)
{
    constexpr int kXLd = (Op::kXKMajor ? S::kBM : kBK) + kPad, kYLd = (Op::kYKMajor ? S::kBN : kBK) + Sm::kYPad;
    for_each_run<S, false>(op, m0, n0, k0, [&](int o, int i, const auto& at, int outer, int inner, int outer_n, int inner_n) {
        copy_run<Op::kVec>(s.x + o * kXLd + i, at, outer, inner, outer_n, inner_n);
    });
    for_each_run<S, true>(op, m0, n0, k0, [&](int o, int i, const auto& at, int outer, int inner, int outer_n, int inner_n) {
        copy_run<Op::kVec>(s.y + o * kYLd + i, at, outer, inner, outer_n, inner_n);
    });
}

// ---- interior tiles: cursors along k (Op::kCursors) -----------------------------------------------------------------
// Where a CTA's tile of C lies wholly inside M x N, every run of a full k-tile is in range, so the copies need only
// each run's source address. for_each_run works it out from (m, k) for every run of every k-tile (for the weight
// gradients a division by T and the row's base among it), which left that GEMM issue-bound (gpu-run-52: 6.6 cycles per
// instruction, a third of the stalls on fixed-latency integer dependencies). An Op with kCursors (both operands
// K-major, kVec) instead gives each of a thread's runs a cursor, set once and moved on by kBK rows per k-tile:
//   XCursor x_cursor(int k, int m) const;  const XSrc* x_src(const XCursor&) const;  void x_next(XCursor&) const;
//   YCursor y_cursor(int k, int n) const;  const YSrc* y_src(const YCursor&) const;  void y_next(YCursor&) const;
// FRG_GEMM_CURSORS=0 keeps for_each_run everywhere (to time both).
#ifndef FRG_GEMM_CURSORS
#define FRG_GEMM_CURSORS 1
#endif
template <class S, class Op, class Sm>
struct RunCursors {
    static_assert(Op::kXKMajor && Op::kYKMajor && Op::kVec, "gemm cursors: K-major operands in runs of 8");
    static constexpr int kXRow = S::kBM / 8, kYRow = S::kBN / 8;  // runs along one k row of the X, Y tile
    static constexpr int kXPer = kBK * kXRow / S::kThreads, kYPer = kBK * kYRow / S::kThreads;
    static_assert(kXPer * S::kThreads == kBK * kXRow && kYPer * S::kThreads == kBK * kYRow,
        "gemm cursors: every thread copies as many runs of each tile");
    static constexpr int kXLd = S::kBM + kPad, kYLd = S::kBN + Sm::kYPad;
    typename Op::XCursor xc[kXPer];
    typename Op::YCursor yc[kYPer];

    // Run j of this thread: r = tid + j kThreads, at row r / ROW and column 8 (r % ROW) of the tile (for_each_run's
    // order, so both paths fill a stage alike).
    __device__ __forceinline__ void init(const Op& op, int m0, int n0, int k0)
    {
        const int tid = static_cast<int>(threadIdx.x);
#pragma unroll
        for (int j = 0; j < kXPer; ++j) {
            const int r = tid + j * S::kThreads;
            xc[j] = op.x_cursor(k0 + r / kXRow, m0 + (r % kXRow) * 8);
        }
#pragma unroll
        for (int j = 0; j < kYPer; ++j) {
            const int r = tid + j * S::kThreads;
            yc[j] = op.y_cursor(k0 + r / kYRow, n0 + (r % kYRow) * 8);
        }
    }
    // Requests the cursors' k-tile into stage `s` and moves them on to the next one.
    __device__ __forceinline__ void copy_and_advance(const Op& op, Sm& s)
    {
        const int tid = static_cast<int>(threadIdx.x);
#pragma unroll
        for (int j = 0; j < kXPer; ++j) {
            const int r = tid + j * S::kThreads;
            copy8_async(s.x + (r / kXRow) * kXLd + (r % kXRow) * 8, op.x_src(xc[j]));
            op.x_next(xc[j]);
        }
#pragma unroll
        for (int j = 0; j < kYPer; ++j) {
            const int r = tid + j * S::kThreads;
            copy8_async(s.y + (r / kYRow) * kYLd + (r % kYRow) * 8, op.y_src(yc[j]));
            op.y_next(yc[j]);
        }
    }
};
template <class S, class Op, class Sm, bool kUse>
struct MaybeCursors {  // kUse false: nothing (the Op has no cursor types)
    __device__ __forceinline__ void init(const Op&, int, int, int) {}
    __device__ __forceinline__ void copy_and_advance(const Op&, Sm&) {}
};
template <class S, class Op, class Sm>
struct MaybeCursors<S, Op, Sm, true> : RunCursors<S, Op, Sm> {};

// The k-loop over a ring of stages: k-tile i + STAGES - 1 is requested while k-tile i is multiplied. One barrier per
// k-tile: after it every thread's copies of tile i have landed and every warp is done with tile i - 1, whose stage the
// request after the barrier refills. Column sums read the staged Y tile (the source values, before any rounding),
// shared by all threads: thread tid adds the column pair cp = tid % (BN / 2) over its part q = tid / (BN / 2) of each
// k-tile's rows, and the parts meet in shared memory at the end, added in part order (deterministic). One thread per
// column over all 32 rows, as before, left half the warps of a summing CTA (blockIdx.y == 0) with ~100 more
// instructions per k-tile than the others, all waiting at each k-tile's barrier.
template <class S, class Op>
__device__ __forceinline__ void k_loop_async(const Op& op, typename Accumulators<S>::type& acc, float& colsum, bool sums,
    int m0, int n0)
{
    typedef Smem<S, typename AsyncCopies<Op>::y_type> Sm;
    constexpr int kStages = Ring<Sm>::kStages, kBN = S::kBN;
    __shared__ Sm ring[kStages];
    const int tid = static_cast<int>(threadIdx.x);
    const int tiles = (op.k_end - op.k_begin + kBK - 1) / kBK;
    // Interior tiles walk cursors through their full k-tiles (requested in order); edges and a last part k-tile go
    // through for_each_run.
    constexpr bool kCursors = FRG_GEMM_CURSORS != 0 && Op::kCursors;
    const bool interior = kCursors && m0 + S::kBM <= op.M && n0 + S::kBN <= op.N;
    const int full_tiles = interior ? (op.k_end - op.k_begin) / kBK : 0;
    MaybeCursors<S, Op, Sm, kCursors> cursors;
    if (interior) cursors.init(op, m0, n0, op.k_begin);
    constexpr int kYLd = kBN + Sm::kYPad, kPairs = kBN / 2, kParts = S::kThreads / kPairs, kSumRows = kBK / kParts;
    static_assert(S::kThreads % kPairs == 0 && kBK % kParts == 0 && kParts * kPairs * 8 <= static_cast<int>(sizeof(ring)),
        "gemm: column sums in whole parts of a k-tile's rows");
    const int cp = tid % kPairs, q = tid / kPairs;
    float2 pair_sum = make_float2(0.0f, 0.0f);
    auto request = [&](int tile) {
        if (tile < full_tiles) cursors.copy_and_advance(op, ring[tile % kStages]);
        else copy_tiles<S>(op, ring[tile % kStages], m0, n0, op.k_begin + tile * kBK);
    };
#pragma unroll
    for (int st = 0; st < kStages - 1; ++st) {
        if (st < tiles) request(st);
        ptx::cp_async_commit();  // empty groups keep the count the wait below relies on
    }
    for (int i = 0; i < tiles; ++i) {
        ptx::cp_async_wait_pending<kStages - 2>();
        __syncthreads();
        const int next = i + kStages - 1;
        if (next < tiles) request(next);
        ptx::cp_async_commit();
        const Sm& s = ring[i % kStages];
        multiply_tile<S, Op>(s, acc);
        if (sums) {
#pragma unroll
            for (int r = 0; r < kSumRows; ++r) {
                const typename Sm::y_type* y = s.y + (q * kSumRows + r) * kYLd + 2 * cp;
                if constexpr (sizeof(typename Sm::y_type) == 4) {
                    const float2 v = *reinterpret_cast<const float2*>(y);
                    pair_sum.x += v.x;
                    pair_sum.y += v.y;
                } else {
                    const u32 v = *reinterpret_cast<const u32*>(y);
                    pair_sum.x += to_float(static_cast<u16>(v & 0xffffu));
                    pair_sum.y += to_float(static_cast<u16>(v >> 16));
                }
            }
        }
    }
    ptx::cp_async_wait_all();
    if (sums) {  // uniform over the CTA (blockIdx.y == 0)
        __syncthreads();  // every warp is done with the ring: its memory takes the parts
        float2* parts = reinterpret_cast<float2*>(ring);
        parts[q * kPairs + cp] = pair_sum;
        __syncthreads();
        if (tid < kBN) {
#pragma unroll
            for (int p = 0; p < kParts; ++p) {
                const float2 v = parts[p * kPairs + tid / 2];
                colsum += (tid & 1) ? v.y : v.x;
            }
        }
    }
}

// The k-loop through registers, one stage: loads (converting to the tiles' type), barrier, product, barrier.
template <class S, class Op>
__device__ __forceinline__ void k_loop_registers(const Op& op, typename Accumulators<S>::type& acc, float& colsum,
    bool sums, int m0, int n0)
{
    constexpr int kBN = S::kBN;
    __shared__ Smem<S> s;
    __shared__ float colsum_tile[Op::kColSums ? kBK * kBN : 1];
    const int tid = static_cast<int>(threadIdx.x);
    for (int k0 = op.k_begin; k0 < op.k_end; k0 += kBK) {
        load_tiles<S>(op, s, sums ? colsum_tile : nullptr, m0, n0, k0);
        __syncthreads();
        multiply_tile<S, Op>(s, acc);
        if (sums && tid < kBN) {
#pragma unroll 8
            for (int k = 0; k < kBK; ++k) colsum += colsum_tile[k * kBN + tid];
        }
        __syncthreads();
    }
}

// Computes the C tile at (blockIdx.y, blockIdx.x) of `op` (the caller has set op up for head blockIdx.z), in tiles of
// shape S (launch S::kThreads threads; grid.x covers N in S::kBN, grid.y covers M in S::kBM).
template <class S = DefaultShape, class Op>
__device__ __forceinline__ void run(const Op& op)
{
    static_assert(!Op::kColSums || Op::kYKMajor, "column sums need the Y tile K-major");
    constexpr int kBN = S::kBN;
    const int m0 = static_cast<int>(blockIdx.y) * S::kBM, n0 = static_cast<int>(blockIdx.x) * kBN;
    const bool sums = Op::kColSums && blockIdx.y == 0;
    const int tid = static_cast<int>(threadIdx.x);
    float colsum = 0.0f;  // thread tid < kBN sums column n0 + tid, in k order (deterministic)
    typename Accumulators<S>::type acc;
    {
        float* p = reinterpret_cast<float*>(&acc);
#pragma unroll
        for (int e = 0; e < static_cast<int>(sizeof(acc) / sizeof(float)); ++e) p[e] = 0.0f;
    }
    // (constexpr: only the chosen loop's shared memory is allocated)
    if constexpr (AsyncCopies<Op>::value && Ring<Smem<S, typename AsyncCopies<Op>::y_type>>::kFits)
        k_loop_async<S>(op, acc, colsum, sums, m0, n0);
    else
        k_loop_registers<S>(op, acc, colsum, sums, m0, n0);
    store_acc<S>(op, acc, m0, n0);
    if (sums && tid < kBN && n0 + tid < op.N) op.store_colsum(n0 + tid, colsum);
}

}  // namespace gemm

// ---- k / d for a d fixed per launch (the sequence length): a multiply-high and a shift instead of the ~20-instruction
// integer division, which the GEMMs' address arithmetic would otherwise repeat for every 8-element run of every
// k-tile (ncu, gpu-run-52: the weight-gradient GEMM issue-bound at 6.6 cycles per instruction). The round-up method
// of Granlund and Montgomery: with l = ceil(log2 d) and mul = floor(2^32 (2^l - d) / d) + 1, k / d =
// (mulhi(k, mul) + k) >> l, exact for 0 <= k < 2^31 and 1 <= d < 2^31.
struct Divisor {
    u32 mul, shift;
    __device__ explicit Divisor(int divisor) : mul(0), shift(0)
    {
        const u32 d = static_cast<u32>(divisor);
        while (shift < 31 && (1u << shift) < d) ++shift;
        mul = static_cast<u32>(((1ull << 32) * ((1ull << shift) - d)) / d + 1);
    }
    __device__ int div(int k) const
    {
        const u32 hi = static_cast<u32>((static_cast<unsigned long long>(static_cast<u32>(k)) * mul) >> 32);
        return static_cast<int>((hi + static_cast<u32>(k)) >> shift);
    }
};

// ---- where s_rec(t-1) of batch row b lives: the initial states at t == 0, the stored states after that ----------------
__device__ __forceinline__ const store_t* srec_row(const store_t* states, const store_t* initial, int B, int T, int b,
    int t, int h)
{
    return t == 0 ? initial + (static_cast<i64>(kRecState) * B + b) * kHD + static_cast<i64>(h) * kHeadSize
                  : states + ((static_cast<i64>(kRecState) * B + b) * T + (t - 1)) * kHD
                        + static_cast<i64>(h) * kHeadSize;
}

// gates[b, t, g, h, j] = sum_i s_rec(t-1)[b, h, i] R[g, h, i, j] + bias[g, h, j]: rows m = (b, t), columns n = (g, j),
// reduction over i. `t_step >= 0`: the B rows of that one step; `t_step < 0`: all B*T rows (m = b T + t).
// gates[b, t] is at b * gates_b_stride + t * gates_t_stride (float32 elements).
struct RecGemmOp {
    typedef store_t XSrc;
    typedef store_t YSrc;
    static constexpr bool kXKMajor = false, kYKMajor = true, kVec = kHeadSize % 8 == 0, kColSums = false;
    static constexpr bool kCursors = false;
    const store_t *states, *initial, *R, *bias;
    float* gates;
    int B, T, t_step, gates_b_stride, gates_t_stride, h;
    int M, N, K, k_begin, k_end;
    Divisor by_T;
    __device__ RecGemmOp(const store_t* states_, const store_t* initial_, const store_t* R_, const store_t* bias_,
        float* gates_, int B_, int T_, int t_step_, int gbs, int gts, int h_)
        : states(states_), initial(initial_), R(R_), bias(bias_), gates(gates_), B(B_), T(T_), t_step(t_step_),
          gates_b_stride(gbs), gates_t_stride(gts), h(h_), M(t_step_ >= 0 ? B_ : B_ * T_), N(kGates * kHeadSize),
          K(kHeadSize), k_begin(0), k_end(kHeadSize), by_T(T_) {}
    __device__ void row_bt(int m, int& b, int& t) const
    {
        if (t_step >= 0) { b = m; t = t_step; } else { b = by_T.div(m); t = m - b * T; }
    }
    __device__ const store_t* x_ptr(int m, int k) const
    {
        int b, t;
        row_bt(m, b, t);
        return srec_row(states, initial, B, T, b, t, h) + k;
    }
    __device__ const store_t* y_ptr(int k, int n) const
    {
        const int g = n / kHeadSize, j = n - g * kHeadSize;
        return R + ((static_cast<i64>(g) * kHeads + h) * kHeadSize + k) * kHeadSize + j;
    }
    __device__ void store(int m, int n, float c) const
    {
        int b, t;
        row_bt(m, b, t);
        const int g = n / kHeadSize, j = n - g * kHeadSize;
        const i64 col = (static_cast<i64>(g) * kHeads + h) * kHeadSize + j;
        gates[static_cast<i64>(b) * gates_b_stride + static_cast<i64>(t) * gates_t_stride + col] = c + to_float(bias[col]);
    }
    __device__ void store_colsum(int, float) const {}
};

}  // namespace frg

#endif  // FRG_GEMM_CUH
