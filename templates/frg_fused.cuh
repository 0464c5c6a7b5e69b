// frg_fused.cuh - building blocks shared by the persistent fused kernels (fused_forward.cu, fused_backward.cu):
// the warp layout of a CTA's matrix product, the R tiles resident in registers and shared memory, and the exchange
// of per-step slices among the K CTAs of one head and batch tile.
#ifndef FRG_FUSED_CUH
#define FRG_FUSED_CUH

#include "frg_common.cuh"

namespace frg {
namespace fused {

static_assert(kHeadSize % 16 == 0, "fused kernels: FRG_HEAD_SIZE must be a multiple of 16 (use the alternating kernels)");
static_assert(kHeadSize % kCtasPerHead == 0, "fused kernels: FRG_CTAS_PER_HEAD must divide FRG_HEAD_SIZE");
static_assert((kHeadSize / kCtasPerHead) % 8 == 0,
    "fused kernels: the units per CTA, FRG_HEAD_SIZE / FRG_CTAS_PER_HEAD, must be a multiple of 8");

// How the K CTAs of one head and batch tile see each other's slice of a step's result.
enum Exchange { kLocal = 0, kCluster = 1, kGlobal = 2 };
inline constexpr int kExchange = kCtasPerHead == 1 ? kLocal : (kUseCluster ? kCluster : kGlobal);

// ---- warp layout -------------------------------------------------------------------------------------------------
// A CTA's product has MG groups of M tiles (a group is what one warp must own whole), NG tiles of 8 batch columns
// and KG tiles of 16 along the reduction. The warps form a WM x WN x WK grid: WM = gcd(W, MG) warps split the M
// groups, then WN = gcd(W / WM, NG) split the batch tiles, and the remaining WK = W / (WM WN) split the reduction
// (their partial sums are added through shared memory). WK must divide KG; the planner picks W so that it does.
template <int MG, int NG, int KG>
struct WarpGrid {
    static constexpr int WM = gcd(kWarps, MG);
    static constexpr int WN = gcd(kWarps / WM, NG);
    static constexpr int WK = kWarps / (WM * WN);
    static_assert(KG % WK == 0,
        "fused kernels: FRG_WARPS does not fit the tiles: W / (gcd(W, M groups) * gcd(..., batch tiles)) must divide the "
        "K tiles (README.md, 'Warp layout')");
    static constexpr int MPW = MG / WM, NPW = NG / WN, KPW = KG / WK;  // per warp
    int wm, wn, wk;
    __device__ WarpGrid()
    {
        const int w = static_cast<int>(threadIdx.x) >> 5;
        wm = w % WM;
        wn = (w / WM) % WN;
        wk = w / (WM * WN);
    }
    // The warps of one (wm, wk) group compute with the same A tiles; only wn == 0 writes their shared copy.
    __device__ int tile_group() const { return wm + WM * wk; }
};

// ---- R tiles -------------------------------------------------------------------------------------------------------
// A warp multiplies with TPW A tiles (16x16 of R). The first REG = min(FRG_R_REG_TILES, TPW) stay in registers for
// the whole launch; the others are read from shared memory (fragment order, kATileBytes each) at every step. Tile
// indices must be compile-time constants at the call sites (unrolled loops), so `reg` stays in registers.
template <int TPW>
struct RTiles {
    static constexpr int REG = min_int(kRegTiles, TPW);
    static constexpr int SMT = TPW - REG;  // shared-memory tiles per warp group
    static constexpr int kGroupBytes = SMT * kATileBytes;
    FragA reg[REG > 0 ? REG : 1];
    const unsigned char* smem;

    __device__ __forceinline__ FragA get(int li) const
    {
        return li < REG ? reg[li < REG ? li : 0] : load_frag_a(smem + (li - REG) * kATileBytes);
    }
    // Builds tile li from an element function elem(row, col) -> float; shared copies are written by one warp.
    template <class Elem>
    __device__ __forceinline__ void init(int li, const Elem& elem, bool write_shared)
    {
        const FragA f = make_frag_a(elem);
        if (li < REG)
            reg[li < REG ? li : 0] = f;
        else if (write_shared)
            store_frag_a(const_cast<unsigned char*>(smem) + (li - REG) * kATileBytes, f);
    }
};

// ---- slices of a [rows][ld] shared-memory matrix, moved in 16-byte chunks --------------------------------------------
// The region is rows x width elements starting at column col0 (width * sizeof(T) a multiple of 16).
template <class T, int ROWS, int WIDTH>
struct Slice {
    static constexpr int kChunkElems = 16 / static_cast<int>(sizeof(T));
    static_assert(WIDTH % kChunkElems == 0, "slice width must be a whole number of 16-byte chunks");
    static constexpr int kChunksPerRow = WIDTH / kChunkElems;
    static constexpr int kChunks = ROWS * kChunksPerRow;
    __device__ static int row(int c) { return c / kChunksPerRow; }
    __device__ static int col(int c) { return (c % kChunksPerRow) * kChunkElems; }
};

// Copies this CTA's slice (columns [col0, col0 + WIDTH) of every row) of a local shared matrix into the same place
// in every other CTA of the cluster. Call after the slice is complete in the CTA (__syncthreads), before
// cluster_arrive_release.
template <class T, int ROWS, int WIDTH>
__device__ __forceinline__ void push_slice_to_cluster(const T* local, int ld, int col0, int ctas, int my_rank)
{
    typedef Slice<T, ROWS, WIDTH> S;
    for (int c = static_cast<int>(threadIdx.x); c < S::kChunks; c += kThreads) {
        const T* p = local + S::row(c) * ld + col0 + S::col(c);
        const uint4 v = *reinterpret_cast<const uint4*>(p);
        const u32 a = smem_addr(p);
        for (int r = 0; r < ctas; ++r)
            if (r != my_rank) st_cluster_v4(cluster_map(a, static_cast<u32>(r)), v);
    }
}

// Copies a slice between a shared matrix and a global one (row stride gld elements), either direction; reads from
// global memory bypass L1 because other CTAs wrote them during this launch.
template <class T, int ROWS, int WIDTH>
__device__ __forceinline__ void slice_to_global(const T* local, int ld, int col0, T* global, i64 gld, int gcol0)
{
    typedef Slice<T, ROWS, WIDTH> S;
    for (int c = static_cast<int>(threadIdx.x); c < S::kChunks; c += kThreads)
        *reinterpret_cast<uint4*>(global + S::row(c) * gld + gcol0 + S::col(c)) =
            *reinterpret_cast<const uint4*>(local + S::row(c) * ld + col0 + S::col(c));
}
template <class T, int ROWS, int WIDTH>
__device__ __forceinline__ void slice_from_global(T* local, int ld, int col0, const T* global, i64 gld, int gcol0)
{
    typedef Slice<T, ROWS, WIDTH> S;
    for (int c = static_cast<int>(threadIdx.x); c < S::kChunks; c += kThreads)
        *reinterpret_cast<uint4*>(local + S::row(c) * ld + col0 + S::col(c)) =
            ld_cg_v4(global + S::row(c) * gld + gcol0 + S::col(c));
}

// Issues 16-byte asynchronous copies of ROWS rows of WIDTH contiguous elements into shared memory: row r goes from
// src_row(r) (null: the row is left as it is, e.g. masked batch rows) to dst_row(r). Every thread takes a share of the
// chunks; the caller commits, waits (cp_async_wait_all) and then needs a barrier before other threads read the rows.
template <class T, int ROWS, int WIDTH, class DstRow, class SrcRow>
__device__ __forceinline__ void stage_rows_async(const DstRow& dst_row, const SrcRow& src_row)
{
    typedef Slice<T, ROWS, WIDTH> S;
    for (int c = static_cast<int>(threadIdx.x); c < S::kChunks; c += kThreads) {
        const T* src = src_row(S::row(c));
        if (src) ptx::cp_async_16(dst_row(S::row(c)) + S::col(c), src + S::col(c));
    }
}

// The counter of this CTA's group (head, batch tile) in the global-barrier workspace.
__device__ __forceinline__ u32* group_counter(u32* counters)
{
    return counters + (static_cast<i64>(blockIdx.z) * gridDim.y + blockIdx.y);
}

}  // namespace fused
}  // namespace frg

#endif  // FRG_FUSED_CUH
