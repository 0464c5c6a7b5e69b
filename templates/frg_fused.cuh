// frg_fused.cuh - building blocks shared by the persistent fused kernels (fused_forward.cu, fused_backward.cu):
// the warp layout of a CTA's matrix product, the R tiles resident in registers and shared memory, and the exchange
// of per-step slices among the K CTAs of one head and batch tile.
#ifndef FRG_FUSED_CUH
#define FRG_FUSED_CUH

#include "frg_common.cuh"
#include "frg_profile.cuh"

namespace frg {
namespace fused {

static_assert(kHeadSize % 16 == 0, "fused kernels: FRG_HEAD_SIZE must be a multiple of 16 (use the alternating kernels)");
static_assert(kHeadSize % kCtasPerHead == 0, "fused kernels: FRG_CTAS_PER_HEAD must divide FRG_HEAD_SIZE");
static_assert((kHeadSize / kCtasPerHead) % 2 == 0,
    "fused kernels: the units per CTA, FRG_HEAD_SIZE / FRG_CTAS_PER_HEAD, must be even (4-byte copies of 16-bit rows)");

// How the K CTAs of one head and batch tile see each other's slice of a step's result.
enum Exchange { kLocal = 0, kCluster = 1, kGlobal = 2 };
inline constexpr int kExchange = kCtasPerHead == 1 ? kLocal : (kUseCluster ? kCluster : kGlobal);

// ---- warp layout -------------------------------------------------------------------------------------------------
// A CTA's product has MG groups of M tiles (a group is what one warp must own whole), NG tiles of 8 batch columns
// and KG tiles of 16 along the reduction. The warps form a WM x WN x WK grid: WM = gcd(W, MG) warps split the M
// groups, then WN = gcd(W / WM, NG) split the batch tiles, and the remaining WK = W / (WM WN) split the reduction
// into ranges of KPW = ceil(KG / WK) tiles (the last range may be shorter or empty; has_k says which tiles exist).
// With WK > 1 the partial sums are added through shared memory (one more barrier per step). Any W works.
template <int MG, int NG, int KG>
struct WarpGrid {
    static constexpr int WM = gcd(kWarps, MG);
    static constexpr int WN = gcd(kWarps / WM, NG);
    static constexpr int WK = kWarps / (WM * WN);
    static constexpr int MPW = MG / WM, NPW = NG / WN, KPW = (KG + WK - 1) / WK;  // per warp
    static constexpr bool kEvenK = KG % WK == 0;
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
    // Reduction tile of this warp's ktl-th step, and whether it exists (warp-uniform).
    __device__ int k_tile(int ktl) const { return wk * KPW + ktl; }
    __device__ bool has_k(int ktl) const { return kEvenK || k_tile(ktl) < KG; }
};

// The largest power of 2 that is at most n (n >= 1).
__host__ __device__ constexpr int pow2_floor(int n) { return n < 2 ? 1 : 2 * pow2_floor(n / 2); }

// ---- accumulator sets (frg::accumulator_chains) ------------------------------------------------------------------------
// Adds b into a, element by element, for float arrays of any shape (one warp's accumulator tiles).
__device__ __forceinline__ void add_into(float& a, float b) { a += b; }
template <class T, int N>
__device__ __forceinline__ void add_into(T (&a)[N], const T (&b)[N])
{
#pragma unroll
    for (int i = 0; i < N; ++i) add_into(a[i], b[i]);
}
// Adds accumulator sets 1 .. C - 1 into set 0, after a product that spread its reduction over the C sets.
template <class T, int C>
__device__ __forceinline__ void merge_accumulator_sets(T (&sets)[C])
{
#pragma unroll
    for (int c = 1; c < C; ++c) add_into(sets[0], sets[c]);
}

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
    // Builds every tile: elem_of(li) returns tile li's element function (row, col) -> float. Register tiles need
    // compile-time indices (unrolled loop); shared-memory tiles use a plain loop. Neither lets the compiler hoist all
    // tiles' global loads at once, which would set the kernel's register peak. Shared copies: one warp per group.
    template <class ElemOf>
    __device__ __forceinline__ void init(const ElemOf& elem_of, bool write_shared)
    {
#pragma unroll
        for (int li = 0; li < REG; ++li) {
            reg[li] = make_frag_a(elem_of(li));
            ptx::compiler_fence();  // one tile's loads at a time: the peak stays at the finished tiles + one
        }
        if (write_shared) {
#pragma unroll 1
            for (int li = REG; li < TPW; ++li)
                store_frag_a(const_cast<unsigned char*>(smem) + (li - REG) * kATileBytes, make_frag_a(elem_of(li)));
        }
    }
};

// ---- moving rows in chunks of 16, 8 or 4 bytes --------------------------------------------------------------------
// Chunk<N>: one N-byte piece of a row, with the loads and stores each transport needs. Rows are copied in the
// largest chunk that divides their length (U units of 2 or 4 bytes: 16 bytes when U % 8 == 0 for 16-bit data).
template <int BYTES> struct Chunk;
template <> struct Chunk<16> {
    typedef uint4 type;
    __device__ static void cp_async(void* dst, const void* src, u32 src_bytes) { ptx::cp_async_16(dst, src, src_bytes); }
    __device__ static void st_cluster(u32 addr, const type& v) { ptx::st_cluster_v4(addr, v); }
};
template <> struct Chunk<8> {
    typedef uint2 type;
    __device__ static void cp_async(void* dst, const void* src, u32 src_bytes) { ptx::cp_async_8(dst, src, src_bytes); }
    __device__ static void st_cluster(u32 addr, const type& v) { ptx::st_cluster_v2(addr, v); }
};
template <> struct Chunk<4> {
    typedef u32 type;
    __device__ static void cp_async(void* dst, const void* src, u32 src_bytes) { ptx::cp_async_4(dst, src, src_bytes); }
    __device__ static void st_cluster(u32 addr, const type& v) { ptx::st_cluster_u32(addr, v); }
};

// ROWS rows of WIDTH elements of T, cut into chunks: chunk c is row(c), elements [col(c), col(c) + kChunkElems).
template <class T, int ROWS, int WIDTH>
struct Slice {
    static constexpr int kRowBytes = WIDTH * static_cast<int>(sizeof(T));
    static_assert(kRowBytes % 4 == 0, "a slice row must be a whole number of 4-byte chunks");
    static constexpr int kChunkBytes = kRowBytes % 16 == 0 ? 16 : (kRowBytes % 8 == 0 ? 8 : 4);
    typedef Chunk<kChunkBytes> C;
    typedef typename C::type V;
    static constexpr int kChunkElems = kChunkBytes / static_cast<int>(sizeof(T));
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
        const typename S::V v = *reinterpret_cast<const typename S::V*>(p);
        const u32 a = smem_addr(p);
        for (int r = 0; r < ctas; ++r)
            if (r != my_rank) S::C::st_cluster(cluster_map(a, static_cast<u32>(r)), v);
    }
}

// A float32 word's tag in the lowest two mantissa bits (at most 3 ulp): 1 + step % 3, never 0 (the zeroed workspace),
// and different from the tag of step - 2 that the same parity's word held before. A 16-byte line has arrived when both
// of its words carry the tag.
__device__ __forceinline__ u32 low_bits_tag(u32 step) { return 1u + step % 3u; }
__device__ __forceinline__ bool low_bits_tagged(const ulonglong2& w, u32 tag)
{
    return (static_cast<u32>(w.x) & 3u) == tag && (static_cast<u32>(w.y) & 3u) == tag;
}

// Polls up to N 16-byte lines of tagged words (line i at address line(i), for the bits set in `pending`) until each
// carries its step's tag, as arrived(w) tells, and hands each line to take(i, w) once it has. All pending lines are
// requested together every round (N lines in flight per thread). With FRG_SPIN_LIMIT, a wait that long traps.
template <int N, class Line, class Arrived, class Take>
__device__ __forceinline__ void poll_tagged_lines(u32 pending, const Line& line, const Arrived& arrived, const Take& take)
{
#if FRG_SPIN_LIMIT > 0
    long long polls = 0;
#endif
    while (pending) {
        ulonglong2 v[N];
#pragma unroll
        for (int i = 0; i < N; ++i)
            if ((pending >> i) & 1u) v[i] = ptx::ld_volatile_u64x2(line(i));
        const u32 before = pending;
#pragma unroll
        for (int i = 0; i < N; ++i) {
            if (((pending >> i) & 1u) && arrived(v[i])) {
                take(i, v[i]);
                pending &= ~(1u << i);
            }
        }
        if (FRG_POLL_SLEEP_NS > 0 && pending == before) ptx::nanosleep(FRG_POLL_SLEEP_NS);
#if FRG_SPIN_LIMIT > 0
        if (pending && ++polls > static_cast<long long>(FRG_SPIN_LIMIT)) ptx::trap();
#endif
    }
}

// The forward's exchange of s_rec among the K CTAs of a head through L2, without a barrier among them ("tagged
// exchange", after NCCL's low-latency protocol). Each CTA publishes its slice (columns [k U, k U + U) of its ROWS rows)
// as 16-byte lines of two 8-byte words, each word written and read as one atomic 64-bit access that carries payload and
// the step's tag together; a reader polls the lines of every peer until each carries the tag it expects, so data and
// "ready" arrive together: one L2 round trip per step, where the counter barrier it replaced took a fence, an atomic,
// the polling and then the loads, one peer after another (about 700 cycles per peer, gpu-run-40). A word holds three
// 16-bit elements and a 16-bit tag (1 + step % 65535, never 0), or two 32-bit elements with a 2-bit tag (1 + step % 3)
// in the lowest mantissa bits of the first: float32 plans multiply in TF32 parts, which round those bits away (the
// sending CTA keeps its own slice exact). So a line carries 6 (16-bit) or 4 (32-bit) consecutive units of one row (the
// last line of a row may be part empty); with 4 payload bytes per word the exchange moved 1.5x (16-bit) or 2x (32-bit)
// the lines, and the polling costs about one L2 round trip per line a thread reads (gpu-run-41). Steps alternate
// between two parities, so a CTA can publish step t + 1 while a slower peer still reads step t; it cannot get two steps
// ahead, because step t + 2 needs that peer's step t + 1, which the peer publishes only after it has read step t. Until
// a producer writes it, a word holds its parity's previous tag (step - 2) or zero (the host zeroes the workspace).
// Global layout per (parity, batch tile, head): [CTAS][ROWS][kRowLines] lines.
// GROUP > 1 (FRG_EXCHANGE_CLUSTER): the CTAs form clusters of GROUP that share the polling. Cluster rank q polls only
// the slices of the other clusters' rank-q CTAs and stores each line it takes into its own buffer and its cluster
// peers' (DSMEM); a CTA's own slice goes to its peers directly (push_slice_to_cluster). L2 then serves each slice
// CTAS / GROUP times a step instead of CTAS - 1 (LSTM 1x768 at K 64 and batch tile 8: ~2 MB a step read by 128 CTAs).
// The caller ends the exchange with a cluster barrier instead of __syncthreads.
template <class T, int ROWS, int WIDTH, int CTAS, int GROUP = 1>
struct TaggedExchange {
    static_assert(sizeof(T) == 2 || sizeof(T) == 4, "tagged exchange: 16- or 32-bit elements");
    static_assert(WIDTH % 2 == 0, "tagged exchange: an even number of units per CTA");
    static constexpr bool kHalf = sizeof(T) == 2;
    static constexpr int kLineElems = kHalf ? 6 : 4;                  // units of one row per 16-byte line
    static constexpr int kLineU32 = kLineElems * static_cast<int>(sizeof(T)) / 4;  // its payload in 32-bit pieces
    static constexpr int kU32PerPair = static_cast<int>(sizeof(T)) / 2;  // 32-bit pieces per element pair
    static constexpr int kRowLines = (WIDTH + kLineElems - 1) / kLineElems;
    static constexpr bool kFullLines = WIDTH % kLineElems == 0;
    static constexpr int kSliceLines = ROWS * kRowLines;
    static constexpr int kGroupWords = 2 * CTAS * kSliceLines;        // one (parity, batch tile, head)
    static_assert(GROUP == 1 || (CTAS % GROUP == 0 && CTAS > GROUP), "tagged exchange: clusters must divide the CTAs");
    static constexpr int kPolledPeers = GROUP > 1 ? CTAS / GROUP - 1 : CTAS - 1;  // slices a CTA polls
    static constexpr int kPeerLines = kPolledPeers * kSliceLines;    // lines a CTA reads per step
    static constexpr int kPerThread = (kPeerLines + kThreads - 1) / kThreads;
    static constexpr int kOwnPerThread = (kSliceLines + kThreads - 1) / kThreads;
    static constexpr int kBatch = kPollBatch;  // lines polled together (16 bytes each in flight per thread)

    unsigned long long* base;   // this (batch tile, head)'s words of parity 0
    i64 parity_stride;          // words from parity 0 to parity 1 of the same (batch tile, head)
    int rank_in_group;          // this CTA's cluster rank (GROUP > 1)
    int own_word[kOwnPerThread];                     // first word of each line this thread publishes
    int own_elem[kOwnPerThread];                     // its first element in the s_rec buffer
    int own_pairs[kFullLines ? 1 : kOwnPerThread];   // its element pairs inside the row
    // Where each line this thread reads lies: kept in registers for a few lines (the forward: ~3), worked out at every
    // step for more (the row-split backward polls ~11 at 1x768, and 22 registers of addresses made it spill).
    static constexpr bool kStoredPeers = kPerThread <= 4;
    static constexpr int kStored = kStoredPeers && kPerThread > 0 ? kPerThread : 1;
    int peer_word[kStored];  // first word of each line this thread reads
    int peer_elem[kStored];  // its first element in the s_rec buffer
    int peer_pairs[kFullLines ? 1 : kStored];
    int rank_, ld_;          // for lines worked out at each step

    __device__ static u32 tag_of(u32 step) { return kHalf ? 1u + step % 65535u : low_bits_tag(step); }
    __device__ static bool arrived(const ulonglong2& w, u32 tag)
    {
        if constexpr (kHalf) return static_cast<u32>(w.x >> 48) == tag && static_cast<u32>(w.y >> 48) == tag;
        else return low_bits_tagged(w, tag);
    }
    // A line's payload in 32-bit pieces, without the tags (see publish for the packing).
    __device__ static void unpack(const ulonglong2& w, u32 (&q)[kLineU32])
    {
        q[0] = static_cast<u32>(w.x);
        if constexpr (kHalf) {
            q[1] = static_cast<u32>((w.x >> 32) & 0xFFFFu) | (static_cast<u32>(w.y) << 16);
            q[kLineU32 - 1] = static_cast<u32>(w.y >> 16);
        } else {
            q[1] = static_cast<u32>(w.x >> 32);
            q[2] = static_cast<u32>(w.y);
            q[kLineU32 - 1] = static_cast<u32>(w.y >> 32);
        }
    }
    // Line c of CTA r's slice (row n = c / kRowLines): its first element in a [ROWS][ld] buffer, and its element pairs.
    __device__ static int line_elem(int r, int c, int ld)
    {
        const int n = c / kRowLines;
        return n * ld + r * WIDTH + (c - n * kRowLines) * kLineElems;
    }
    __device__ static int line_pairs(int c)
    {
        const int u0 = (c % kRowLines) * kLineElems;
        return (WIDTH - u0 < kLineElems ? WIDTH - u0 : kLineElems) / 2;
    }

    // Line i of this thread's peer lines: its first word, its first element in a [ROWS][ld] buffer, its element pairs.
    struct PeerLine {
        int word, elem, pairs;
    };
    __device__ static PeerLine peer_line(int i, int rank, int ld)
    {
        int c = min_int(static_cast<int>(threadIdx.x) + i * kThreads, kPeerLines - 1);
        if constexpr (kPollRotate) {  // start at the next CTA's (cluster's) slice: polled slice ordinal rank / GROUP
            c += ((GROUP > 1 ? rank / GROUP : rank) % kPolledPeers) * kSliceLines;
            if (c >= kPeerLines) c -= kPeerLines;
        }
        const int q = c / kSliceLines, rest = c - q * kSliceLines;
        // Skip this CTA's own slice; with clusters, its own cluster's (they arrive through DSMEM).
        const int peer = GROUP > 1 ? (q < rank / GROUP ? q : q + 1) * GROUP + rank % GROUP : (q < rank ? q : q + 1);
        return {2 * (peer * kSliceLines + rest), line_elem(peer, rest, ld), kFullLines ? kLineElems / 2 : line_pairs(rest)};
    }
    __device__ PeerLine peer(int i) const
    {
        if constexpr (kStoredPeers)
            return {peer_word[i], peer_elem[i], kFullLines ? kLineElems / 2 : peer_pairs[kFullLines ? 0 : i]};
        else
            return peer_line(i, rank_, ld_);
    }

    // words: the workspace of parity 0 for this (batch tile, head); parity_words: to the same place of parity 1;
    // ld: the s_rec buffer's row stride (elements); rank: this CTA's slice.
    __device__ __forceinline__ void init(unsigned long long* words, i64 parity_words, int ld, int rank)
    {
        base = words;
        parity_stride = parity_words;
        rank_in_group = rank % GROUP;
        const int tid = static_cast<int>(threadIdx.x);
#pragma unroll
        for (int i = 0; i < kOwnPerThread; ++i) {
            const int c = min_int(tid + i * kThreads, kSliceLines - 1);
            own_word[i] = 2 * (rank * kSliceLines + c);
            own_elem[i] = line_elem(rank, c, ld);
            if constexpr (!kFullLines) own_pairs[i] = line_pairs(c);
        }
        rank_ = rank;
        ld_ = ld;
        if constexpr (kStoredPeers) {
#pragma unroll
            for (int i = 0; i < kPerThread; ++i) {
                const PeerLine l = peer_line(i, rank, ld);
                peer_word[i] = l.word;
                peer_elem[i] = l.elem;
                if constexpr (!kFullLines) peer_pairs[i] = l.pairs;
            }
        }
    }
    // Publishes this CTA's slice of `buf` (complete: a barrier separates its writers from this call) for `step`.
    __device__ __forceinline__ void publish(const T* buf, u32 step) const
    {
        unsigned long long* const words = base + (step & 1u) * parity_stride;
        const u32 tag = tag_of(step);
#pragma unroll
        for (int i = 0; i < kOwnPerThread; ++i) {
            if (kSliceLines % kThreads != 0 && static_cast<int>(threadIdx.x) + i * kThreads >= kSliceLines) break;
            const int pairs = kFullLines ? kLineElems / 2 : own_pairs[kFullLines ? 0 : i];
            const u32* const src = reinterpret_cast<const u32*>(buf + own_elem[i]);  // even element offset: aligned
            u32 q[kLineU32];  // the line's payload, 32 bits at a time; past the row's end zero
#pragma unroll
            for (int j = 0; j < kLineU32; ++j) q[j] = j / kU32PerPair < pairs ? src[j] : 0u;
            unsigned long long w0, w1;
            if constexpr (kHalf) {  // elements e0 e1 e2 | e3 e4 e5, 16 bits each, the tag in each word's top 16 bits
                const unsigned long long t = static_cast<unsigned long long>(tag) << 48;
                w0 = q[0] | (static_cast<unsigned long long>(q[1] & 0xFFFFu) << 32) | t;
                w1 = (q[1] >> 16) | (static_cast<unsigned long long>(q[kLineU32 - 1]) << 16) | t;
            } else {  // elements e0 e1 | e2 e3, the tag in e0's and e2's lowest mantissa bits
                w0 = ((q[0] & ~3u) | tag) | (static_cast<unsigned long long>(q[1]) << 32);
                w1 = ((q[2] & ~3u) | tag) | (static_cast<unsigned long long>(q[kLineU32 - 1]) << 32);
            }
            ptx::st_volatile_u64x2(words + own_word[i], w0, w1);
        }
    }
    // Waits for the peers' slices of `step` and writes them into `buf` (a barrier must follow before anyone reads them).
    __device__ __forceinline__ void collect(T* buf, u32 step) const
    {
        const unsigned long long* const words = base + (step & 1u) * parity_stride;
        const u32 tag = tag_of(step);
#pragma unroll
        for (int i0 = 0; i0 < kPerThread; i0 += kBatch) {
            u32 pending = 0;  // lines i0 .. i0 + kBatch - 1 of this thread (those past kPerThread never pending)
#pragma unroll
            for (int i = i0; i < i0 + kBatch && i < kPerThread; ++i)
                if (kPeerLines % kThreads == 0 || static_cast<int>(threadIdx.x) + i * kThreads < kPeerLines)
                    pending |= 1u << (i - i0);
            PeerLine lines[kBatch];
#pragma unroll
            for (int i = 0; i < kBatch; ++i) lines[i] = peer(min_int(i0 + i, kPerThread - 1));
            poll_tagged_lines<kBatch>(pending,
                [&](int i) { return words + lines[i].word; },
                [&](const ulonglong2& w) { return arrived(w, tag); },
                [&](int i, const ulonglong2& w) {
                    const int pairs = lines[i].pairs;
                    u32 q[kLineU32];
                    unpack(w, q);
                    u32* const dst = reinterpret_cast<u32*>(buf + lines[i].elem);
#pragma unroll
                    for (int j = 0; j < kLineU32; ++j)
                        if (j / kU32PerPair < pairs) dst[j] = q[j];
                    if constexpr (GROUP > 1) {  // and into the cluster peers' buffers, at the same place
                        const u32 own = static_cast<u32>(rank_in_group);
#pragma unroll
                        for (u32 r = 1; r < static_cast<u32>(GROUP); ++r) {
                            const u32 a = cluster_map(smem_addr(dst), (own + r) % static_cast<u32>(GROUP));
#pragma unroll
                            for (int j = 0; j < kLineU32; ++j)
                                if (j / kU32PerPair < pairs) st_cluster_u32(a + 4 * j, q[j]);
                        }
                    }
                });
        }
    }

    // Warp-scoped collect (GROUP == 1): the calling warp waits only for the lines it will read, those of columns
    // [c0, c1) (even bounds) of its WROWS rows, row ri being row_of(ri) of the buffer, and writes their element pairs
    // inside that range into `buf`; its lanes share the lines, each polling every 32nd. The CTA's own slice is not
    // polled (the caller's threads wrote it). With a syncwarp after it the warp can read those columns, and no
    // barrier with the CTA's other warps is needed: each collects and reads its own columns. MAXCOLS bounds c1 - c0.
    template <int MAXCOLS, int WROWS, class RowOf>
    __device__ __forceinline__ void collect_range(T* buf, u32 step, int c0, int c1, const RowOf& row_of) const
    {
        static_assert(GROUP == 1, "tagged exchange: a warp-scoped collect without clusters");
        // Lines along one row, numbered L = slice r * kRowLines + line c; [c0, c1) meets a contiguous run of them.
        auto line_at = [](int col) { const int r = col / WIDTH; return r * kRowLines + (col - r * WIDTH) / kLineElems; };
        // At most one line per kLineElems columns, one more at each end, and one more per slice boundary (part lines).
        constexpr int kMaxLines = MAXCOLS / kLineElems + 2 + (kFullLines ? 0 : MAXCOLS / WIDTH + 1);
        constexpr int kPerLane = (kMaxLines * WROWS + 31) / 32;
        const int l0 = line_at(c0), lines = line_at(c1 - 1) - l0 + 1, items = lines * WROWS;
        const unsigned long long* const words = base + (step & 1u) * parity_stride;
        const u32 tag = tag_of(step);
        const int lane = static_cast<int>(threadIdx.x) & 31;
#pragma unroll
        for (int i0 = 0; i0 < kPerLane; i0 += kBatch) {
            PeerLine got[kBatch];
            u32 pending = 0;
#pragma unroll
            for (int i = 0; i < kBatch; ++i) {
                const int j = lane + (i0 + i) * 32;
                const int ri = j / lines, l = l0 + (j - ri * lines), r = l / kRowLines, c = l - r * kRowLines;
                const int n = row_of(ri < WROWS ? ri : 0);
                got[i] = {2 * (r * kSliceLines + n * kRowLines + c), n * ld_ + r * WIDTH + c * kLineElems, 0};
                // Pairs inside [c0, c1): a line's pairs are consecutive, so a first pair and a count.
                const int first_col = r * WIDTH + c * kLineElems;
                const int npairs = kFullLines ? kLineElems / 2 : line_pairs(c);
                const int lo = first_col < c0 ? (c0 - first_col) / 2 : 0;
                const int hi = min_int(npairs, (c1 - first_col) / 2);
                got[i].pairs = lo | (hi << 8);
                if (i0 + i < kPerLane && j < items && r != rank_ && hi > lo) pending |= 1u << i;
            }
            poll_tagged_lines<kBatch>(pending,
                [&](int i) { return words + got[i].word; },
                [&](const ulonglong2& w) { return arrived(w, tag); },
                [&](int i, const ulonglong2& w) {
                    u32 q[kLineU32];
                    unpack(w, q);
                    const int lo = got[i].pairs & 0xFF, hi = got[i].pairs >> 8;
                    u32* const dst = reinterpret_cast<u32*>(buf + got[i].elem);
#pragma unroll
                    for (int jj = 0; jj < kLineU32; ++jj)
                        if (jj / kU32PerPair >= lo && jj / kU32PerPair < hi) dst[jj] = q[jj];
                });
        }
    }
};

// Stands in for TaggedExchange where a kernel's exchange does not go through L2 (K == 1, a cluster): never called,
// but the kernel's `if constexpr` branches need the names.
template <class T>
struct NoTaggedExchange {
    static constexpr int kGroupWords = 0;
    __device__ void init(unsigned long long*, i64, int, int) {}
    __device__ void publish(const T*, u32) const {}
    __device__ void collect(T*, u32) const {}
    template <int MAXCOLS, int WROWS, class RowOf>
    __device__ void collect_range(T*, u32, int, int, const RowOf&) const {}
};

// The backward's reduce-scatter of ds_rec partial sums through L2, by tagged words like TaggedExchange. Every step each
// of the SOURCES producers of a head and batch tile (a CTA k and one of its reduction warps) holds float32 partial
// sums for all DH units i and ROWS batch rows n; the CTA that owns unit i (i / UNITS) needs their sum over the sources.
// A producer writes each pair (unit i; rows n, n + 1 for even n) as one 8-byte word straight into its owner's area,
// and the owner polls its words until each carries the step's tag. The tag takes the two lowest mantissa bits of the
// pair's first float (a change of at most 3 units in the last place, 2^-21 relative, far below the MMA operands'
// rounding), so the partials move as float32 at full density with no tag word beside them. Tags are 1 + step % 3 and
// steps alternate between two parities, so until its producer writes it a word holds its parity's previous tag
// (step - 2) or zero (the host zeroes the workspace); a producer cannot get two steps ahead, for the reason
// TaggedExchange gives. The owner's threads share the polling: SLOTS neighbouring lanes per line group (2 units x 2
// rows, one 16-byte line per source) each add every SLOTS-th source, then a butterfly over those lanes adds their
// sums in a fixed order (the same bits from run to run) and the group's first lane writes them to `sums` [ROWS][PLD].
// Global layout per (parity, head and batch tile): [owner CTA][SOURCES][ROWS / 2][UNITS] words.
template <int ROWS, int UNITS, int SOURCES, int PLD>
struct TaggedPartials {
    static_assert(ROWS % 2 == 0 && UNITS % 2 == 0, "tagged partials: even batch tile and units per CTA");
    static constexpr int kRowPairs = ROWS / 2;
    static constexpr int kGroups = kRowPairs * (UNITS / 2);  // 16-byte lines of one source for one owner
    static constexpr int kSlotLimit = min_int(min_int(32, SOURCES), kThreads / kGroups < 1 ? 1 : kThreads / kGroups);
    static constexpr int kSlots = pow2_floor(kSlotLimit);  // lanes per line group: a power of 2 that divides 32
    static_assert(32 % kSlots == 0, "tagged partials: a line group's lanes lie in one warp");
    static constexpr int kItems = kGroups * kSlots;  // (line group, slot) pairs; one per thread unless kSlots == 1
    static constexpr int kItemsPerThread = (kItems + kThreads - 1) / kThreads;
    static constexpr int kSourcesPerItem = (SOURCES + kSlots - 1) / kSlots;
    static constexpr int kSourceWords = kRowPairs * UNITS;  // words from one source to one owner
    static constexpr int kOwnerWords = SOURCES * kSourceWords;
    static constexpr int kBatch = 4;  // lines polled together

    unsigned long long* base;  // this (head, batch tile)'s words of parity 0
    i64 parity_stride;         // words from parity 0 to parity 1
    int item_word[kItemsPerThread];  // word of the item's first source (its slot q) in this CTA's area
    int item_sum[kItemsPerThread];   // float offset of the item's (row n, unit u) in `sums`
    int item_slot[kItemsPerThread];  // q: the item's sources are q, q + SLOTS, q + 2 SLOTS, ...

    // words: the workspace of parity 0 for this (head, batch tile); parity_words: to parity 1; rank: this CTA (owner).
    __device__ __forceinline__ void init(unsigned long long* words, i64 parity_words, int rank)
    {
        base = words;
        parity_stride = parity_words;
#pragma unroll
        for (int j = 0; j < kItemsPerThread; ++j) {
            const int it = static_cast<int>(threadIdx.x) + j * kThreads;
            const int c = it < kItems ? it : 0;
            const int grp = c / kSlots, q = c % kSlots;
            const int np = grp / (UNITS / 2), u = 2 * (grp % (UNITS / 2));
            item_word[j] = rank * kOwnerWords + q * kSourceWords + np * UNITS + u;
            item_sum[j] = 2 * np * PLD + u;
            item_slot[j] = q;
        }
    }
    // Writes source `src`'s partial sums of unit i (any unit of the head), rows n (even) and n + 1, for `step`.
    __device__ __forceinline__ void write(int src, int i, int n, float first, float second, u32 step) const
    {
        const int owner = i / UNITS, u = i - owner * UNITS;
        unsigned long long* const w = base + (step & 1u) * parity_stride
            + (owner * SOURCES + src) * kSourceWords + (n >> 1) * UNITS + u;
        const u32 lo = (__float_as_uint(first) & ~3u) | low_bits_tag(step);
        ptx::st_volatile_u64(w, (static_cast<unsigned long long>(__float_as_uint(second)) << 32) | lo);
    }
    // Writes source `src`'s partial sums of units u (even) and u + 1 of owner `owner`, rows n (even) and n + 1, for
    // `step`: the two words are neighbours, so one 16-byte store. v = (u, n), (u, n + 1), (u + 1, n), (u + 1, n + 1).
    __device__ __forceinline__ void write_line(int src, int owner, int u, int n, const float4& v, u32 step) const
    {
        unsigned long long* const w = base + (step & 1u) * parity_stride
            + (owner * SOURCES + src) * kSourceWords + (n >> 1) * UNITS + u;
        const u32 tag = low_bits_tag(step);
        const unsigned long long w0 = (static_cast<unsigned long long>(__float_as_uint(v.y)) << 32)
            | ((__float_as_uint(v.x) & ~3u) | tag);
        const unsigned long long w1 = (static_cast<unsigned long long>(__float_as_uint(v.w)) << 32)
            | ((__float_as_uint(v.z) & ~3u) | tag);
        ptx::st_volatile_u64x2(w, w0, w1);
    }
    // Waits for every source's words of this CTA's units for `step` and writes their sums into `sums` (a barrier must
    // follow before they are read). Every thread of the CTA must call it (the butterfly needs whole warps).
    __device__ __forceinline__ void collect(float* sums, u32 step) const
    {
        const unsigned long long* const words = base + (step & 1u) * parity_stride;
        const u32 tag = low_bits_tag(step);
#pragma unroll
        for (int j = 0; j < kItemsPerThread; ++j) {
            const bool active = kItems % kThreads == 0 || static_cast<int>(threadIdx.x) + j * kThreads < kItems;
            float sum[4] = {0.0f, 0.0f, 0.0f, 0.0f};  // (u, n), (u, n + 1), (u + 1, n), (u + 1, n + 1)
#pragma unroll
            for (int m0 = 0; m0 < kSourcesPerItem; m0 += kBatch) {
                u32 pending = 0;
#pragma unroll
                for (int m = m0; m < m0 + kBatch && m < kSourcesPerItem; ++m)
                    if (active && (SOURCES % kSlots == 0 || item_slot[j] + m * kSlots < SOURCES)) pending |= 1u << (m - m0);
                const u32 present = pending;
                ulonglong2 got[kBatch];
                poll_tagged_lines<kBatch>(pending,
                    [&](int m) { return words + item_word[j] + (m0 + m) * kSlots * kSourceWords; },
                    [&](const ulonglong2& w) { return low_bits_tagged(w, tag); },
                    [&](int m, const ulonglong2& w) { got[m] = w; });
                // Added in source order once the batch is complete, whatever order the words arrived in.
#pragma unroll
                for (int m = m0; m < m0 + kBatch && m < kSourcesPerItem; ++m) {
                    if (!((present >> (m - m0)) & 1u)) continue;
                    const ulonglong2 w = got[m - m0];
                    sum[0] += __uint_as_float(static_cast<u32>(w.x));
                    sum[1] += __uint_as_float(static_cast<u32>(w.x >> 32));
                    sum[2] += __uint_as_float(static_cast<u32>(w.y));
                    sum[3] += __uint_as_float(static_cast<u32>(w.y >> 32));
                }
            }
#pragma unroll
            for (int d = kSlots / 2; d >= 1; d /= 2)
#pragma unroll
                for (int c = 0; c < 4; ++c) sum[c] += ptx::shfl_xor(sum[c], d);
            if (active && item_slot[j] == 0) {
                *reinterpret_cast<float2*>(sums + item_sum[j]) = make_float2(sum[0], sum[2]);
                *reinterpret_cast<float2*>(sums + item_sum[j] + PLD) = make_float2(sum[1], sum[3]);
            }
        }
    }
};

// A thread's share of a copy repeated every step between ROWS global rows of WIDTH contiguous elements, which all
// move by the same number of elements from one step to the next (a step's Wx, gates or state rows), and a stage
// buffer of the same layout each time: issue() requests the rows into the buffer (inputs), store() writes the buffer
// out to the rows (outputs). Which chunks a thread moves, where they sit in the buffer and their global addresses are
// worked out once, before the time loop; a step then costs one copy per chunk and a pointer add to move on to the
// next step's rows. (Recomputing the 64-bit addresses, masks and loop bounds every step cost about a third of a 12x64
// forward step, gpu-run-17; pointers derived from t each step were recomputed by the compiler, gpu-run-20.)
template <class T, int ROWS, int WIDTH>
struct StepRows {
    typedef Slice<T, ROWS, WIDTH> S;
    static constexpr int kPerThread = (S::kChunks + kThreads - 1) / kThreads;
    static constexpr bool kEven = S::kChunks % kThreads == 0;  // every thread has kPerThread chunks
    static_assert(kPerThread <= 32, "StepRows: at most 32 chunks per thread (one bit each in `live`)");
    T* global[kPerThread];  // the chunk's global address in the current step (masked row: a valid address, never used)
    int local[kPerThread];  // element offset of the chunk in a stage buffer
    u32 live;               // bit i: chunk i has a global row (else it is a masked row: zero-filled, never stored)

    // local_row(r): element offset of row r in a stage buffer; global_row(r): row r's address in the first step, or
    // null for a masked row; any_valid: an address of the same tensor for masked rows.
    template <class LocalRow, class GlobalRow>
    __device__ __forceinline__ void init(const LocalRow& local_row, const GlobalRow& global_row, const T* any_valid)
    {
        live = 0;
#pragma unroll
        for (int i = 0; i < kPerThread; ++i) {
            const int c = static_cast<int>(threadIdx.x) + i * kThreads;
            const int cc = kEven || c < S::kChunks ? c : 0;
            const T* row = global_row(S::row(cc));
            local[i] = local_row(S::row(cc)) + S::col(cc);
            global[i] = const_cast<T*>(row ? row + S::col(cc) : any_valid);
            if (row) live |= 1u << i;
        }
    }
    // Requests the current step's rows into `buffer` with cp.async (no commit); masked rows are zero-filled.
    __device__ __forceinline__ void issue(T* buffer) const
    {
#pragma unroll
        for (int i = 0; i < kPerThread; ++i) {
            if (!kEven && static_cast<int>(threadIdx.x) + i * kThreads >= S::kChunks) break;
            S::C::cp_async(buffer + local[i], global[i], (live >> i) & 1u ? static_cast<u32>(S::kChunkBytes) : 0u);
        }
    }
    // Writes `buffer` out to the current step's rows (masked rows are skipped). The buffer must be complete: a barrier
    // separates its writers from this call.
    __device__ __forceinline__ void store(const T* buffer) const
    {
#pragma unroll
        for (int i = 0; i < kPerThread; ++i) {
            if (!kEven && static_cast<int>(threadIdx.x) + i * kThreads >= S::kChunks) break;
            if ((live >> i) & 1u)
                *reinterpret_cast<typename S::V*>(global[i]) = *reinterpret_cast<const typename S::V*>(buffer + local[i]);
        }
    }
    // Moves on to the rows `delta` elements further (the next step's; negative when steps run backwards).
    __device__ __forceinline__ void advance(i64 delta)
    {
#pragma unroll
        for (int i = 0; i < kPerThread; ++i)
            if ((live >> i) & 1u) global[i] += delta;
    }
};

// Row stride, in elements of T, of a stage buffer that a register epilogue writes one element at a time: a lane
// holds units gq = lane / 4 of batch rows 2 (lane % 4) + {0, 1}, so one store instruction covers 8 neighbouring units
// of 4 rows two apart. A stride of 16 bytes more than a multiple of 128 puts those 4 rows 32 bytes apart in the banks
// (no conflicts), and keeps rows 16-byte aligned for StepRows' chunks.
template <class T, int WIDTH>
__host__ __device__ constexpr int stage_row_stride()
{
    return (WIDTH * static_cast<int>(sizeof(T)) + (16 - WIDTH * static_cast<int>(sizeof(T)) % 128 + 128) % 128)
        / static_cast<int>(sizeof(T));
}

// The index of a ring buffer slot, moved on one slot at a time (no division by a ring size that is not a power of 2).
template <int N>
struct RingSlot {
    int value = 0;
    __device__ __forceinline__ void next() { value = value + 1 == N ? 0 : value + 1; }
};

}  // namespace fused
}  // namespace frg

#endif  // FRG_FUSED_CUH
