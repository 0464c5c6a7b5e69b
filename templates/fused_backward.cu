// fused_backward.cu - the persistent fused backward: all T steps (in reverse) in one launch.
//
// Same CTAs as the forward: CTA (k, bt, h) owns units [k U, k U + U) of head h for batch rows [bt BT, bt BT + BT),
// and holds the same slice of R (columns k U .. k U + U - 1 of every R_g). Per step t = T-1 .. 0:
//   1. ds_rec(t) = drec(t+1) R^T, split over the CTAs by the reduction index: CTA k multiplies its own units' drec
//      (in shared memory, all G gates) with its R slice, giving partial sums for ALL DH units i,
//        part_k[i, n] = sum_{g, u < U} R[g, h, i, kU + u] drec(t+1)[b0 + n, g, kU + u];
//      each partial row goes to the CTA owning unit i, which adds the K parts (with K == 1 and one warp per whole
//      reduction the sum is complete in the accumulators and the cell runs on them directly).
//   2. the cell's backward for the CTA's (unit, batch) pairs: dL/ds(t) = carried + dStates(t) + ds_rec(t) for the
//      recurrent state; gives dWx(t), drec(t) (global, drec_t, for grad_gemm.cu; not written, and `drec` may be
//      null, when kGradFromDwx: the weight gradients then read dWx) and the carried gradient of s(t-1).
//   3. drec(t) of the CTA's units goes to shared memory (MMA type) for step t-1's product.
// After step 0, one more product gives ds_rec(-1), and dInitial = carried + ds_rec(-1).
//
// The forward's gate parts come from `gates` (float32 [B, T, G, NH, DH]): written by the forward when
// FRG_STORE_GATES == 1, else by frg_recompute_gates (grad_gemm.cu) before this launch.
// The step's inputs (Wx, gates, s(t-1), dStates rows of the CTA's units) are staged into shared memory with cp.async
// through a ring of FRG_INPUT_STAGES buffers, STAGES - 1 steps ahead (DRAM latency is longer than a short step); they
// take no registers.
// Exchange of partial sums: K == 1 shared memory; cluster: DSMEM stores + cluster barrier; otherwise tagged words
// through L2 (fused::TaggedPartials), summed in shared memory, optionally added within clusters of
// FRG_EXCHANGE_CLUSTER CTAs (DSMEM) before they go to L2 (pre-reduction, below). drec in shared memory is
// double-buffered, so with K == 1 and WK == 1 a step needs one __syncthreads; otherwise two barriers (partials
// complete; drec complete).
//
// Rows (FRG_BACKWARD_ROWS = 1, global exchange only): the product is split by rows of R instead. CTA k holds the rows
// of its own units i of every R_g (U x G DH), so it needs the whole drec(t+1) of its batch rows but no other CTA's
// partial sums:
//   ds_rec(t)[n, kU + i] = sum_{g, j} R[g, h, kU + i, j] drec(t+1)[b0 + n, g, j].
// Step t's drec goes through L2 as the forward's s_rec does (fused::TaggedExchange, 16-bit words in 16-bit plans),
// G times as wide: the shared drec matrix holds a row's columns as [CTA k'][g][u], each CTA's slice contiguous. The
// reduction warps' partial sums meet in shared memory; the matrix has one buffer, because a barrier already separates
// the product's reads (partials complete) from the cell's writes. Three barriers a step: partials complete; this
// CTA's slice complete (then published); the peers' slices collected (with FRG_EXCHANGE_CLUSTER, XR below, a
// cluster barrier, and two buffers).
#include "frg_common.cuh"
#include "frg_fused.cuh"

namespace frg {
namespace bwd {

inline constexpr int U = kHeadSize / kCtasPerHead;
inline constexpr bool kRows = kBackwardRows;
// The product's grid of CTAs (see the top): KR blocks of R's rows by KC blocks of its columns, CTA k = (k / KC, k % KC).
// The KC CTAs of a row block reduce-scatter partial sums; the KR CTAs of a column block all-gather drec. Rows: KR = K;
// columns: KC = K; both above 1: FRG_BACKWARD_ROW_BLOCKS ("blocks").
inline constexpr int KR = kBackwardRowBlocks;
inline constexpr int KC = kCtasPerHead / KR;
inline constexpr bool kGather = KR > 1;   // drec all-gathered (rows, blocks)
inline constexpr bool kBlocks = KR > 1 && KC > 1;
inline constexpr int MU = KC * U;  // rows of R a CTA multiplies (its row block's units)
static_assert(!kBlocks || (fused::kExchange == fused::kGlobal && kExchangeCluster == 1),
    "fused backward: FRG_BACKWARD_ROW_BLOCKS needs the global exchange without FRG_EXCHANGE_CLUSTER");
// Rows: a step's later inputs are requested while the exchange waits for the peers' lines, off the step's chain
// (FRG_BACKWARD_LATE_STAGING 0 turns it off). At the top of the step, where the column split requests them, the copies
// took 1000-2000 cycles of a ~6400-cycle step (gpu-run-54); late, the LSTM 1x768 row split with 16 warps ran 2.81
// instead of 2.90 us/step and GRU 2.22 instead of 2.35 (gpu-run-55). The column split lost 4% with its requests moved
// after the product's issue (gpu-run-55), so it keeps them first.
inline constexpr bool kLateStaging = kGather && FRG_BACKWARD_LATE_STAGING != 0;
static_assert(!kGather || fused::kExchange == fused::kGlobal,
    "fused backward: FRG_BACKWARD_ROWS needs the global exchange (FRG_CTAS_PER_HEAD > 1, FRG_USE_CLUSTER 0)");
// Rows with FRG_EXCHANGE_CLUSTER = XR > 1: clusters of XR CTAs share the all-gather's polling as the forward's does
// (fused::TaggedExchange with GROUP XR: rank q polls the other clusters' rank-q slices and forwards each line to its
// peers through DSMEM; each CTA pushes its own slice to them), so L2 serves a slice K / XR times a step instead of
// K - 1 (LSTM 1x768 at K 64, batch tile 8: ~64 KB of tagged lines per CTA and step without). Peers then write into
// this CTA's drec matrix during their collect, so it is double-buffered, and a cluster barrier ends the exchange.
// Measured much slower (gpu-run-57: LSTM 1x768 6.93 against 2.83 us/step); an experiment the planner never picks.
inline constexpr int XR = kRows ? kExchangeCluster : 1;
static_assert((kGates * KR * U) % 16 == 0,
    "fused backward: FRG_GATES * (FRG_HEAD_SIZE / FRG_CTAS_PER_HEAD) * row blocks must be a multiple of 16");
// M tiles cover the row block's MU units (columns: all DH; rows: the CTA's own U, the last tile padded with zero rows
// when U % 16 != 0), the reduction the column block's G KR U columns (columns: the CTA's own G U; rows: all G DH).
inline constexpr int MT = (MU + 15) / 16;
inline constexpr int NT = kBatchTile / 8;
inline constexpr int KTB = kGates * KR * U / 16;
typedef fused::WarpGrid<MT, NT, KTB> Grid;
inline constexpr int MPW = Grid::MPW, NPW = Grid::NPW, KPW = Grid::KPW;
inline constexpr int TPW = MPW * KPW;
typedef fused::RTiles<TPW> Tiles;
inline constexpr int CHAINS = accumulator_chains(MPW * NPW, KPW);  // accumulator sets along the reduction
// Rows, FRG_ROWS_WARP_COLLECT: each warp collects only the peers' drec lines of its own reduction columns and batch
// rows, right before its product, instead of the whole CTA collecting all lines behind a barrier. Warps that differ
// only in wm would poll the same lines, so it needs one M group per warp column (WM == 1). Measured slower than the
// CTA-wide collect (gpu-run-56: 4.48 against 2.84 us/step at LSTM 1x768), so off by default.
inline constexpr bool kWarpCollect = kRows && FRG_ROWS_WARP_COLLECT != 0 && Grid::WM == 1;
static_assert(!kWarpCollect || XR == 1, "fused backward: FRG_ROWS_WARP_COLLECT without FRG_EXCHANGE_CLUSTER");
inline constexpr bool kRegEpilogue = kCtasPerHead == 1 && Grid::WK == 1;

// drec in shared memory: a row's columns (the CTA's own G x U; rows and blocks: every column-block CTA's, [KR][G][U]),
// 16 bytes of padding per row.
inline constexpr int DLD = kGates * KR * U + 16 / kMmaBytes;
inline constexpr int DBUFS = kGather && XR == 1 ? 1 : 2;
inline constexpr int kOwnCol0Stride = kGather ? kGates * U : 0;  // this CTA's slice: column (k / KC) kOwnCol0Stride
// Partial sums per unit: one per (CTA, reduction warp); rows and blocks: one per reduction warp of this CTA (blocks
// add them before they go to the row block's owners).
inline constexpr int SRCS = kGather ? Grid::WK : kCtasPerHead * Grid::WK;
// Partial-sum rows [src][n][ULD], units contiguous: ULD % 16 == 4 keeps the accumulators' writes (8 units x 4 batch
// rows per instruction) free of bank conflicts, and the cell phase reads two neighbouring units in one access.
inline constexpr int ULD = U + (20 - U % 16) % 16;
// Blocks: the reduction warps' partial-sum rows [wk][n][SLD] over the row block's MU units, then the sums of this
// CTA's units [n][ULD] (rows: SLD == ULD, and the cell phase adds the warps' rows itself).
inline constexpr int SLD = MU + (20 - MU % 16) % 16;
// Pre-reduction (FRG_EXCHANGE_CLUSTER = PC > 1 with the global exchange): every CTA writes its partial sums into the
// shared memory of one CTA of its cluster, rank r for the owners o with o % PC == r (RU units of the head); after a
// cluster barrier each rank adds the RSLOTS partials of its units in a fixed order and sends the sums through L2 as
// source k / PC. Per step L2 then carries 1 / PC of the bytes (LSTM 1x768 at K 64: ~3 MB of writes and as much of
// reads without it, gpu-run-49's 6400-cycle exchange) and an owner polls K / PC sources instead of K WK.
inline constexpr int PC = fused::kExchange == fused::kGlobal && !kGather ? kExchangeCluster : 1;
inline constexpr bool kPreReduce = PC > 1;
static_assert(!kPreReduce || (kCtasPerHead % PC == 0 && kCtasPerHead > PC),
    "fused backward: FRG_EXCHANGE_CLUSTER must divide FRG_CTAS_PER_HEAD and be smaller (else use FRG_USE_CLUSTER)");
inline constexpr int RU = kHeadSize / PC;     // units one rank reduces: K / PC owners of U units
inline constexpr int RSLOTS = PC * Grid::WK;  // partial sums it adds per unit: one per (cluster CTA, reduction warp)
// Reduction rows [parity][slot][BT / 2][RU][2]: a unit's rows n, n + 1 side by side, so an accumulator pair is one
// 8-byte store and a unit pair's two row pairs one 16-byte load. A row-pair stride of 8 words more than a multiple
// of 32 keeps a warp's stores (8 units x 4 row pairs) free of bank conflicts.
inline constexpr int RLD2 = 2 * RU + (40 - (2 * RU) % 32) % 32;
inline constexpr int RITEMS = (RU / 2) * (kBatchTile / 2);  // (unit pair, row pair) sums one rank sends per step
// The global exchange (tagged words through L2); it leaves complete sums in shared memory.
inline constexpr int GSRCS = kPreReduce ? kCtasPerHead / PC : kBlocks ? KC : SRCS;  // sources an owner polls
typedef fused::TaggedPartials<kBatchTile, U, GSRCS, ULD> Partials;
// Partial sums the cell phase adds per unit: one per source, or the global exchange's one sum.
inline constexpr int PSRCS = fused::kExchange == fused::kGlobal && !kRows ? 1 : SRCS;
// Blocks: (unit pair, row pair) sums of the reduction warps' rows that a CTA sends to its row block's owners.
inline constexpr int BITEMS = (MU / 2) * (kBatchTile / 2);
// Rows and blocks: drec's all-gather through L2 among the KR CTAs of a column block.
typedef select_type<kGather, fused::TaggedExchange<mma_t, kBatchTile, kGates * U, KR, XR>,
    fused::NoTaggedExchange<mma_t> >::type RowsExchange;
// Cluster peers write their partials a step ahead: double-buffered. The global exchange's sums are written by this
// CTA's own threads after the previous step's last barrier: one buffer.
inline constexpr int PBUFS = fused::kExchange == fused::kCluster ? 2 : 1;
inline constexpr bool kSharedPartials = !kRegEpilogue;
// A "pair" is V neighbouring units of one batch row handled by one thread. Register epilogue: one accumulator element
// (V = 1). Shared-memory epilogue: two units (U is even), so every shared and global access of the cell phase moves
// two elements at once; that phase was bound by its ~28 memory instructions per unit (gpu-run-24/25 ablations).
inline constexpr int V = kRegEpilogue ? 1 : 2;
inline constexpr int PAIRS_REG = MPW * NPW * 4;
inline constexpr int PAIRS_SMEM = ((U / 2) * kBatchTile + kThreads - 1) / kThreads;
inline constexpr int PAIRS = kRegEpilogue ? PAIRS_REG : PAIRS_SMEM;

// Staged inputs, one batch row each: Wx and gates [G][U], s(t-1) and dStates [S][U]; 16 bytes of padding per row.
inline constexpr int kStoreBytes = static_cast<int>(sizeof(store_t));
inline constexpr int WLD = kGates * U + 16 / kStoreBytes;
inline constexpr int GLD = kGates * U + 4;
inline constexpr int ZLD = kStates * U + 16 / kStoreBytes;

// Dynamic shared memory: [R tiles][drec x 2][Wx x STAGES][gates x STAGES][s(t-1) x STAGES][dStates x STAGES]
// [partial sums (unless the register epilogue adds them in the accumulators)][pre-reduction rows x 2 (PC > 1)];
// every part a multiple of 16 bytes.
inline constexpr int kRBytes = Grid::WM * Grid::WK * Tiles::kGroupBytes;
inline constexpr int kDBytes = round_up(DBUFS * kBatchTile * DLD * kMmaBytes, 16);
inline constexpr int kWBytes = kInputStages * kBatchTile * WLD * kStoreBytes;
inline constexpr int kGBytes = kInputStages * kBatchTile * GLD * 4;
inline constexpr int kZBytes = kInputStages * kBatchTile * ZLD * kStoreBytes;
inline constexpr int kPBytes = !kSharedPartials ? 0
    : kBlocks ? round_up((Grid::WK * SLD + ULD) * kBatchTile * 4, 16) : round_up(PBUFS * PSRCS * kBatchTile * ULD * 4, 16);
inline constexpr int kRedBytes = kPreReduce ? 2 * RSLOTS * (kBatchTile / 2) * RLD2 * 4 : 0;
inline constexpr int kSmemBytes = kRBytes + kDBytes + kWBytes + kGBytes + 2 * kZBytes + kPBytes + kRedBytes;

struct PairPos {
    int n, u;
};
__device__ __forceinline__ PairPos pair_pos(const Grid& grid, int p)
{
    if (kRegEpilogue) {  // p = (x NPW + ntl) 4 + v: accumulator element v of tile (x, ntl); u = i since K == 1
        const int v = p & 3, ntl = (p >> 2) % NPW, x = p / (4 * NPW);
        return {(grid.wn + Grid::WN * ntl) * 8 + acc_col(v), (grid.wm + Grid::WM * x) * 16 + acc_row(v)};
    }
    const int pid = static_cast<int>(threadIdx.x) + p * kThreads;  // first unit u, then u + 1
    return {pid / (U / 2), 2 * (pid % (U / 2))};
}

}  // namespace bwd
}  // namespace frg

using namespace frg;
using namespace frg::bwd;

// Bytes of the global exchange's workspace per batch tile (all heads), 0 unless it goes through global memory:
// [2][NH][K owner][GSRCS][BT / 2][U] 8-byte words of two float32 partials (fused::TaggedPartials), or rows:
// [2][tiles][NH] groups of drec's tagged lines (fused::TaggedExchange); blocks: the partials' words, then
// [2][tiles][NH][KC] groups of lines.
inline constexpr int kPartialBytesPerTile = kRows ? 0 : 2 * kHeads * kCtasPerHead * GSRCS * U * kBatchTile * 4;
inline constexpr int kGatherBytesPerTile = kGather ? 2 * kHeads * KC * RowsExchange::kGroupWords * 8 : 0;
inline constexpr int kExchangeBytesPerTile = fused::kExchange != fused::kGlobal ? 0
    : kPartialBytesPerTile + kGatherBytesPerTile;

// Launch facts for the host (cuModuleGetGlobal): threads, dynamic shared memory bytes, grid.x (K), batch tile,
// cluster size (1 = none), cooperative launch needed, exchange workspace bytes per batch tile.
extern "C" __constant__ int frg_fused_backward_launch[7] = {kThreads, kSmemBytes, kCtasPerHead, kBatchTile,
    fused::kExchange == fused::kCluster ? kCtasPerHead : PC * XR, fused::kExchange == fused::kGlobal ? 1 : 0,
    kExchangeBytesPerTile};

// Grid (K, ceil(B / BT), NH); block kThreads; dynamic shared memory kSmemBytes. See README.md.
extern "C" __global__ void __launch_bounds__(kThreads, 1) frg_fused_backward(const store_t* __restrict__ Wx,
    const store_t* __restrict__ R, const store_t* __restrict__ initial, const store_t* __restrict__ states,
    const float* __restrict__ gates, const store_t* __restrict__ dStates, const store_t* __restrict__ dLast,
    store_t* __restrict__ dWx, drec_t* __restrict__ drec, store_t* __restrict__ dInitial, void* exchange, int B, int T)
{
    FRG_DYNAMIC_SHARED(unsigned char, smem);
    const int k = static_cast<int>(blockIdx.x), h = static_cast<int>(blockIdx.z);
    const int b0 = static_cast<int>(blockIdx.y) * kBatchTile;
    const int col0 = k * U;
    const int hu0 = h * kHeadSize + col0;  // this CTA's first unit within a [NH, DH] slice
    // This CTA's row block (its rank in its column block) and column block; constants where the split has one of
    // them (ptxas of NVRTC 13 spilled 16 bytes of the float32 TF32 1x768 column split with k / K kept, gpu-run-62).
    const int kr = KR == 1 ? 0 : KC == 1 ? k : k / KC, kc = KC == 1 ? 0 : KR == 1 ? k : k % KC;
    const int tid = static_cast<int>(threadIdx.x);
    const Grid grid;
    unsigned char* part = smem + kRBytes;
    mma_t* const dbuf = reinterpret_cast<mma_t*>(part);
    store_t* const stage_wx = reinterpret_cast<store_t*>(part += kDBytes);
    float* const stage_g = reinterpret_cast<float*>(part += kWBytes);
    store_t* const stage_sp = reinterpret_cast<store_t*>(part += kGBytes);
    store_t* const stage_ds = reinterpret_cast<store_t*>(part += kZBytes);
    float* const pbuf = reinterpret_cast<float*>(part += kZBytes);
    float* const psum = pbuf + (kBlocks ? Grid::WK * kBatchTile * SLD : 0);  // what the cell phase adds
    float* const rbuf = reinterpret_cast<float*>(part += kPBytes);  // pre-reduction rows (PC > 1)

    // This thread's share of every step's staged rows (see fused::StepRows): Wx and gates [BT][G][U] (row n G + g),
    // s(t-1) and dStates [BT][S][U] (row n S + s). Steps run T-1 .. 0, so the sources start at step T-1 and move back
    // by kGHD (Wx, gates) or kHD (states, dStates) per step. Masked batch rows are zero-filled.
    auto wx_dst = [](int r) { return (r / kGates) * WLD + (r % kGates) * U; };
    auto g_dst = [](int r) { return (r / kGates) * GLD + (r % kGates) * U; };
    auto z_dst = [](int r) { return (r / kStates) * ZLD + (r % kStates) * U; };
    auto gate_row = [&](int r) {  // row r of Wx or gates at step T-1
        const int b = b0 + r / kGates;
        return b < B ? (static_cast<i64>(b) * T + T - 1) * kGHD + (r % kGates) * kHD + hu0 : -1;
    };
    auto state_row = [&](int r, int t) {  // row r of states or dStates at step t
        const int b = b0 + r / kStates, s = r % kStates;
        return b < B ? ((static_cast<i64>(s) * B + b) * T + t) * kHD + hu0 : -1;
    };
    fused::StepRows<store_t, kBatchTile * kGates, U> wx_rows;
    fused::StepRows<float, kBatchTile * kGates, U> gate_rows;
    fused::StepRows<store_t, kBatchTile * kStates, U> state_rows, dstate_rows;
    wx_rows.init(wx_dst, [&](int r) { const i64 o = gate_row(r); return o < 0 ? nullptr : Wx + o; }, Wx);
    gate_rows.init(g_dst, [&](int r) { const i64 o = gate_row(r); return o < 0 ? nullptr : gates + o; }, gates);
    // s(t-1) of step T-1 (for T == 1 only the initial state is ever staged, and these rows are never copied)
    state_rows.init(z_dst, [&](int r) { const i64 o = state_row(r, T - 2); return o < 0 || T < 2 ? nullptr : states + o; }, states);
    if (dStates)
        dstate_rows.init(z_dst, [&](int r) { const i64 o = state_row(r, T - 1); return o < 0 ? nullptr : dStates + o; }, dStates);

    // Stages the next step's inputs (steps go T-1, T-2, ..., 0) into the next ring buffer; dStates, when absent, stays
    // zero. Always commits a group (an empty one past step 0), so the groups in flight count steps.
    fused::RingSlot<kInputStages> issue_slot, read_slot;
    int next_staged = T - 1;
    auto stage_next_step = [&]() {
        const int t = next_staged--;
        if (t >= 0) {
            const int buf = issue_slot.value;
            wx_rows.issue(stage_wx + buf * kBatchTile * WLD);
            gate_rows.issue(stage_g + buf * kBatchTile * GLD);
            if (t == 0)  // s(-1) is the initial state: the same rows, once per launch, from another tensor
                state_rows.init(z_dst, [&](int r) -> const store_t* {
                    const int b = b0 + r / kStates, s = r % kStates;
                    return b < B ? initial + (static_cast<i64>(s) * B + b) * kHD + hu0 : nullptr;
                }, initial);
            state_rows.issue(stage_sp + buf * kBatchTile * ZLD);  // s(t-1)
            if (dStates) dstate_rows.issue(stage_ds + buf * kBatchTile * ZLD);
            wx_rows.advance(-kGHD);
            gate_rows.advance(-kGHD);
            state_rows.advance(-kHD);
            if (dStates) dstate_rows.advance(-kHD);
            issue_slot.next();
        }
        ptx::cp_async_commit();
    };

    // ---- R block as the A operand: A[i, (r', g, u)] = R[g, h, kr MU + i, (r' KC + kc) U + u] for the row block's units
    // i < MU and the column block's units (columns: A[i, (g, u)] = R[g, h, i, kU + u]; rows: A[i, (k', g, u)] =
    // R[g, h, kU + i, k'U + u]).
    Tiles tiles;
    tiles.smem = smem + grid.tile_group() * Tiles::kGroupBytes;
    tiles.init([&](int li) {
        const int mt = grid.wm + Grid::WM * (li / KPW), kt = grid.wk * KPW + li % KPW;
        return [=](int r, int c) -> float {
            if (kt >= KTB) return 0.0f;  // past the end of an uneven reduction split: never multiplied
            const int kk = kt * 16 + c, i = mt * 16 + r;
            if (MU % 16 != 0 && i >= MU) return 0.0f;  // padding row of the last M tile
            const int src = kk / (kGates * U), gu = kk - src * kGates * U, g = gu / U, u = gu - g * U;
            const int row = kr * MU + i, col = (src * KC + kc) * U + u;
            return to_float(R[((static_cast<i64>(g) * kHeads + h) * kHeadSize + row) * kHeadSize + col]);
        };
    }, grid.wn == 0);
    for (int e = tid; e < DBUFS * kBatchTile * DLD; e += kThreads) dbuf[e] = 0;
    for (int e = tid; e < kInputStages * kBatchTile * WLD; e += kThreads) stage_wx[e] = store_t(0);
    for (int e = tid; e < kInputStages * kBatchTile * GLD; e += kThreads) stage_g[e] = 0.0f;
    for (int e = tid; e < kInputStages * kBatchTile * ZLD; e += kThreads) stage_sp[e] = stage_ds[e] = store_t(0);
    __syncthreads();
    for (int s = 0; s < kInputStages - 1; ++s) stage_next_step();

    // ---- carried gradient dL/ds(T-1) = dLast; each pair's dWx and drec rows of step T-1 (then kGHD back per step) ----
    float carry[PAIRS][V][kStates];
    store_t* dwx_out[PAIRS];
    drec_t* drec_out[PAIRS];
#pragma unroll
    for (int p = 0; p < PAIRS; ++p) {
        const PairPos pp = pair_pos(grid, p);
        const bool valid = pp.n < kBatchTile && b0 + pp.n < B;
        const i64 row0 = (static_cast<i64>(valid ? b0 + pp.n : 0) * T + T - 1) * kGHD + hu0 + pp.u;
        dwx_out[p] = dWx + row0;
        drec_out[p] = kGradFromDwx ? nullptr : drec + row0;
#pragma unroll
        for (int v = 0; v < V; ++v)
#pragma unroll
            for (int s = 0; s < kStates; ++s)
                carry[p][v][s] = valid ? load_f32_or0(dLast, (static_cast<i64>(s) * B + b0 + pp.n) * kHD + hu0 + pp.u + v) : 0.0f;
    }
    ptx::cp_async_wait_pending<kInputStages - 2>();  // step T-1's inputs
    // Cluster peers write into this CTA's shared memory from the first product on: all must have started.
    if (fused::kExchange == fused::kCluster || kPreReduce || XR > 1) cluster_sync();
    else __syncthreads();

    // Global partial sums: per parity [NH][gridDim.y] areas of K owners' words. Rows: drec's lines, per parity
    // [gridDim.y][NH] groups.
    Partials partials;
    RowsExchange rows_xchg;
    if constexpr (fused::kExchange == fused::kGlobal && !kRows) {  // per row block: the KC owners' areas
        const i64 area = static_cast<i64>(KC) * Partials::kOwnerWords;
        partials.init(static_cast<unsigned long long*>(exchange)
                + ((static_cast<i64>(h) * gridDim.y + blockIdx.y) * KR + kr) * area,
            static_cast<i64>(kHeads) * gridDim.y * KR * area, kc);
    }
    if constexpr (kGather) {  // per column block, after the partials' words (blocks)
        const i64 words = RowsExchange::kGroupWords;
        unsigned long long* const lines = static_cast<unsigned long long*>(exchange)
            + static_cast<i64>(gridDim.y) * (kPartialBytesPerTile / 8);
        rows_xchg.init(lines + ((static_cast<i64>(blockIdx.y) * kHeads + h) * KC + kc) * words,
            static_cast<i64>(gridDim.y) * kHeads * KC * words, DLD, kr);
    }

    // Phases (step_profile.py --direction backward): 0 stage, 1 mma issue, 2 exchange of partial sums, 3 cell
    // (partials, staged inputs, the cell's backward, the stores), 4 sync (inputs of the next step, the barrier).
    StepProfile prof;
    prof.start();
    for (int t = T - 1; t >= -1; --t) {
        // Into the buffer step t + 1 read (its readers passed that step's last barrier); waited for STAGES - 2 steps on.
        // Late staging requests it after step t + 1's slice barrier instead (the same buffer, one wait earlier).
        if (!kLateStaging || t == T - 1) stage_next_step();  // step t - (STAGES - 1)
        prof.mark(0);

        // ---- ds_rec(t) = drec(t+1) R^T ------------------------------------------------------------------------------------
        // Reduction tile ktl goes into accumulator set ktl % CHAINS; the sets are added after the product.
        float accs[CHAINS][MPW][NPW][4] = {};
        float (&acc)[MPW][NPW][4] = accs[0];
        const bool have_next = t < T - 1;
        const int pb = PBUFS == 2 ? (t & 1) : 0;
        if (have_next) {
            const mma_t* dcur = dbuf + (DBUFS == 2 ? (t + 1) & 1 : 0) * kBatchTile * DLD;
            if constexpr (kWarpCollect) {  // drec(t+1) of this warp's columns and rows from the peers
                const int c0 = grid.k_tile(0) * 16, c1 = min_int(KTB, grid.k_tile(0) + KPW) * 16;
                if (c1 > c0)
                    rows_xchg.template collect_range<KPW * 16, NPW * 8>(dbuf, static_cast<u32>(T - 2 - t), c0, c1,
                        [&](int ri) { return (grid.wn + Grid::WN * (ri >> 3)) * 8 + (ri & 7); });
                ptx::syncwarp();
            }
#pragma unroll
            for (int ktl = 0; ktl < KPW; ++ktl) {
                if (!grid.has_k(ktl)) break;
                const int kt = grid.k_tile(ktl);
                FragB bf[NPW];
#pragma unroll
                for (int ntl = 0; ntl < NPW; ++ntl)
                    bf[ntl] = load_frag_b_nk(dcur + ((grid.wn + Grid::WN * ntl) * 8) * DLD + kt * 16, DLD);
#pragma unroll
                for (int x = 0; x < MPW; ++x) {
                    const FragA a = tiles.get(x * KPW + ktl);
#pragma unroll
                    for (int ntl = 0; ntl < NPW; ++ntl) mma_16x8x16(accs[ktl % CHAINS][x][ntl], a, bf[ntl]);
                }
            }
            fused::merge_accumulator_sets(accs);
            prof.mark(1);
            if constexpr (!kRegEpilogue) {
                // Each partial row goes to the CTA that owns unit i, source src = (this CTA, this reduction warp).
                const int src = k * Grid::WK + grid.wk;
                const u32 step = static_cast<u32>(T - 2 - t);  // the exchange's number: 0 .. T - 1
#pragma unroll
                for (int x = 0; x < MPW; ++x)
#pragma unroll
                    for (int ntl = 0; ntl < NPW; ++ntl)
#pragma unroll
                        for (int v = 0; v < 4; v += 2) {  // elements v, v + 1: unit i, batch rows n (even), n + 1
                            const int i = (grid.wm + Grid::WM * x) * 16 + acc_row(v);
                            const int n = (grid.wn + Grid::WN * ntl) * 8 + acc_col(v);
                            if (kGather) {  // rows of the row block: to this reduction warp's slot
                                if (MU % 16 == 0 || i < MU) {
                                    float* slot = pbuf + (grid.wk * kBatchTile + n) * SLD + i;
                                    slot[0] = acc[x][ntl][v];
                                    slot[SLD] = acc[x][ntl][v + 1];
                                }
                            } else if (kPreReduce) {  // to the cluster rank that reduces unit i's owner
                                const int owner = i / U, lu = (owner / PC) * U + i - owner * U;
                                const float* slot = rbuf + (((t & 1) * RSLOTS + (k % PC) * Grid::WK + grid.wk)
                                    * (kBatchTile / 2) + (n >> 1)) * RLD2 + 2 * lu;
                                st_cluster_v2(cluster_map(smem_addr(slot), static_cast<u32>(owner % PC)),
                                    make_uint2(__float_as_uint(acc[x][ntl][v]), __float_as_uint(acc[x][ntl][v + 1])));
                            } else if (fused::kExchange == fused::kGlobal) {
                                partials.write(src, i, n, acc[x][ntl][v], acc[x][ntl][v + 1], step);
                            } else {
                                const int owner = i / U, u = i - owner * U;
#pragma unroll
                                for (int e = 0; e < 2; ++e) {
                                    float* slot = pbuf + ((pb * SRCS + src) * kBatchTile + n + e) * ULD + u;
                                    if (fused::kExchange == fused::kCluster)
                                        st_cluster_f32(cluster_map(smem_addr(slot), static_cast<u32>(owner)), acc[x][ntl][v + e]);
                                    else
                                        *slot = acc[x][ntl][v + e];
                                }
                            }
                        }
                if constexpr (kPreReduce) {
                    // Every rank's slots are complete after the cluster barrier. Slots are double-buffered by step
                    // parity: a peer writes this parity again two steps on, after the next step's cluster barrier,
                    // which this CTA reaches only after these reads.
                    cluster_sync();
                    const int rank = k % PC;
#pragma unroll
                    for (int j = 0; j < (RITEMS + kThreads - 1) / kThreads; ++j) {
                        const int it = tid + j * kThreads;
                        if (RITEMS % kThreads != 0 && it >= RITEMS) break;
                        const int np = it / (RU / 2), lu = 2 * (it % (RU / 2));
                        const float* row = rbuf + (t & 1) * RSLOTS * (kBatchTile / 2) * RLD2 + np * RLD2 + 2 * lu;
                        float4 sum = *reinterpret_cast<const float4*>(row);
#pragma unroll
                        for (int q = 1; q < RSLOTS; ++q) {  // in slot order: the same bits from run to run
                            const float4 p = *reinterpret_cast<const float4*>(row + q * (kBatchTile / 2) * RLD2);
                            sum.x += p.x; sum.y += p.y; sum.z += p.z; sum.w += p.w;
                        }
                        const int lo = lu / U;
                        partials.write_line(k / PC, lo * PC + rank, lu - lo * U, 2 * np, sum, step);
                    }
                }
                if constexpr (kBlocks) {
                    // The reduction warps' rows added in warp order (the same bits from run to run), each (unit pair,
                    // row pair) sent as one line to the row block's CTA that owns the units (source: this column
                    // block), then this CTA's own units collected from the KC sources. The slots are read again only
                    // after the next step's all-gather barrier.
                    __syncthreads();
#pragma unroll
                    for (int j = 0; j < (BITEMS + kThreads - 1) / kThreads; ++j) {
                        const int it = tid + j * kThreads;
                        if (BITEMS % kThreads != 0 && it >= BITEMS) break;
                        const int np = it / (MU / 2), lu = 2 * (it % (MU / 2));
                        const float* row = pbuf + 2 * np * SLD + lu;
                        float2 a = *reinterpret_cast<const float2*>(row), b = *reinterpret_cast<const float2*>(row + SLD);
#pragma unroll
                        for (int q = 1; q < Grid::WK; ++q) {
                            const float2 pa = *reinterpret_cast<const float2*>(row + q * kBatchTile * SLD);
                            const float2 pb2 = *reinterpret_cast<const float2*>(row + q * kBatchTile * SLD + SLD);
                            a.x += pa.x; a.y += pa.y; b.x += pb2.x; b.y += pb2.y;
                        }
                        const int owner = lu / U;
                        partials.write_line(kc, owner, lu - owner * U, 2 * np, make_float4(a.x, b.x, a.y, b.y), step);
                    }
                    partials.collect(psum, step);
                    __syncthreads();
                } else if (fused::kExchange == fused::kGlobal && !kRows) {
                    partials.collect(pbuf, step);
                    __syncthreads();
                } else if (fused::kExchange == fused::kCluster) {
                    cluster_sync();
                } else {
                    __syncthreads();
                }
            }
        }
        prof.mark(2);

        // ---- the cell's backward for each pair ----------------------------------------------------------------------------
        mma_t* dnxt = dbuf + (DBUFS == 2 ? t & 1 : 0) * kBatchTile * DLD;
        const int sb = read_slot.value;  // staged inputs of step t
        read_slot.next();
#pragma unroll
        for (int p = 0; p < PAIRS; ++p) {
            const PairPos pp = pair_pos(grid, p);
            if (pp.n >= kBatchTile) continue;
            float ds_rec[V] = {};
            if (have_next) {
                if constexpr (kRegEpilogue) {
                    ds_rec[0] = acc[p / (4 * NPW)][(p >> 2) % NPW][p & 3];
                } else {
#pragma unroll 4
                    for (int src = 0; src < PSRCS; ++src) {
                        float part[V];
                        load_units<V>(psum + ((pb * PSRCS + src) * kBatchTile + pp.n) * ULD + pp.u, part);
#pragma unroll
                        for (int v = 0; v < V; ++v) ds_rec[v] += part[v];
                    }
                }
            }
            const int b = b0 + pp.n;
            const bool valid = b < B;
            const i64 hu = hu0 + pp.u;
            if (t < 0) {
                if (valid) {
#pragma unroll
                    for (int v = 0; v < V; ++v)
#pragma unroll
                        for (int s = 0; s < kStates; ++s)
                            dInitial[(static_cast<i64>(s) * B + b) * kHD + hu + v] =
                                to_store(carry[p][v][s] + (s == kRecState ? ds_rec[v] : 0.0f));
                }
                continue;
            }
            const int wrow = (sb * kBatchTile + pp.n) * WLD + pp.u, grow = (sb * kBatchTile + pp.n) * GLD + pp.u;
            const int zrow = (sb * kBatchTile + pp.n) * ZLD + pp.u;
            float gin[V][kGates], grec[V][kGates], sp[V][kStates], ds_new[V][kStates];
            float dgin[V][kGates], dgrec[V][kGates], ds[V][kStates];
#pragma unroll
            for (int g = 0; g < kGates; ++g) {
                float x[V], r[V];
                load_units<V>(stage_wx + wrow + g * U, x);
                load_units<V>(stage_g + grow + g * U, r);
#pragma unroll
                for (int v = 0; v < V; ++v) {
                    gin[v][g] = x[v];
                    grec[v][g] = r[v];
                }
            }
#pragma unroll
            for (int s = 0; s < kStates; ++s) {
                float z[V], d[V];
                load_units<V>(stage_sp + zrow + s * U, z);
                load_units<V>(stage_ds + zrow + s * U, d);
#pragma unroll
                for (int v = 0; v < V; ++v) {
                    sp[v][s] = z[v];
                    ds_new[v][s] = carry[p][v][s] + d[v] + (s == kRecState ? ds_rec[v] : 0.0f);
                }
            }
#pragma unroll
            for (int v = 0; v < V; ++v) {
                cell_backward(gin[v], grec[v], sp[v], t == 0, ds_new[v], dgin[v], dgrec[v], ds[v]);
#pragma unroll
                for (int s = 0; s < kStates; ++s) carry[p][v][s] = ds[v][s];
            }
#pragma unroll
            for (int g = 0; g < kGates; ++g) {
                store_t dx[V];
                drec_t dr[V];
                mma_t dm[V];
#pragma unroll
                for (int v = 0; v < V; ++v) {
                    dx[v] = to_store(dgin[v][g]);
                    dr[v] = to_drec(dgrec[v][g]);
                    dm[v] = to_mma(valid ? dgrec[v][g] : 0.0f);
                }
                if (valid) {
                    store_raw<V>(dwx_out[p] + g * kHD, dx);
                    if constexpr (!kGradFromDwx) store_raw<V>(drec_out[p] + g * kHD, dr);
                }
                store_raw<V>(dnxt + pp.n * DLD + kr * kOwnCol0Stride + g * U + pp.u, dm);
            }
            dwx_out[p] -= kGHD;  // on to step t - 1 (carried pointers: the compiler recomputed ones derived from t)
            if constexpr (!kGradFromDwx) drec_out[p] -= kGHD;
        }
        prof.mark(3);
        if (t >= 0) {  // drec(t) complete for step t-1's product; step t-1's inputs visible
            ptx::cp_async_wait_pending<kInputStages - 2>();
            __syncthreads();
            if constexpr (kGather) {  // this CTA's slice of drec(t) to its column block, theirs here
                const u32 step = static_cast<u32>(T - 1 - t);
                rows_xchg.publish(dnxt, step);
                if constexpr (XR > 1)
                    fused::push_slice_to_cluster<mma_t, kBatchTile, kGates * U>(dnxt, DLD, k * kOwnCol0Stride, XR, k % XR);
                if (kLateStaging) stage_next_step();  // step t - 1's request: its buffer's readers (step t) are done
                if constexpr (XR > 1) {  // the lines this CTA took went to its peers too; theirs came here
                    rows_xchg.collect(dnxt, step);
                    cluster_arrive_release();
                    cluster_wait_acquire();
                } else if constexpr (!kWarpCollect) {  // else each warp collects its columns before its product
                    rows_xchg.collect(dnxt, step);
                    __syncthreads();
                }
            }
        }
        prof.mark(4);
        prof.end_step();
    }
    prof.flush();
}
