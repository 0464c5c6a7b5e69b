// fused_forward.cu - the persistent fused forward: all T steps in one launch (kernel-design.md).
//
// CTA (k, bt, h) owns head h, batch rows [bt BT, bt BT + BT) and the units [k U, k U + U) of the head (U = DH / K),
// with all G gates of those units. Per step it computes its gate tile with tensor cores,
//   acc[(g, u), n] = sum_i R[g, h, i, kU + u] s_rec(t-1)[b0 + n, i]   (+ bias),
// runs the cell on it, writes the new states, and hands its slice of the new s_rec to the other K-1 CTAs of the head.
//
// When U % 8 == 0, gate rows are ordered so that one lane's accumulators hold every gate of the units it owns: M tile
// rows 0-7 and 8-15 are two "half tiles", each one gate of 8 consecutive units; a unit block of UBW units packs its
// G*UBW/8 half tiles two per M tile (a zero half pads an odd count). So with one warp per whole reduction (WK == 1)
// the cell runs straight on the accumulators ("register epilogue") and a step needs a single barrier. Otherwise (the
// reduction split over WK > 1 warps, or U % 8 != 0 with gate-major rows) the partial sums or gates meet in shared
// memory first ("shared-memory epilogue", one more barrier).
//
// States stay in float32 registers for the whole sequence; the stored states are rounded to the storage dtype. With
// the register epilogue a lane's units and batch rows are scattered over the tile (4 rows, 8 units per store), so a
// step's states (and gates) are written into a shared stage first and stored to global memory in 16-byte row chunks
// at the end of the next step's cell phase ("staged stores"; 8 scattered stores per thread cost ~260 of a 1300-cycle
// sLSTM step, gpu-run-24; staged, a training step of LSTM 12x64 is 25% shorter, gpu-run-33). Each
// step's gate inputs (Wx rows) are staged into shared memory with cp.async (16-byte chunks when U % 8 == 0) through a
// ring of FRG_INPUT_STAGES buffers: step t + STAGES - 1 is requested while step t computes, so DRAM latency (longer
// than a short step) hides behind STAGES - 1 steps, and the inputs take no registers.
// s_rec(t-1) lives in a double-buffered shared matrix [BT][DH + pad] of MMA elements: step t reads buffer t % 2 and
// writes buffer (t + 1) % 2, so one barrier per step separates the readers of a buffer from its next writers:
//   K == 1: __syncthreads;  cluster: DSMEM stores to every peer + cluster barrier;
//   otherwise: tagged words through L2 (fused::TaggedExchange; cooperative launch, so every CTA is resident).
#include "frg_common.cuh"
#include "frg_fused.cuh"

namespace frg {
namespace fwd {

inline constexpr int U = kHeadSize / kCtasPerHead;  // units per CTA
static_assert(U % 8 == 0 || (kGates * U) % 16 == 0,
    "fused forward: the gate columns per CTA, FRG_GATES * FRG_HEAD_SIZE / FRG_CTAS_PER_HEAD, must be a multiple of 16 "
    "(or the units per CTA a multiple of 8)");
// Row layout of the gate tile. Unit blocks (U % 8 == 0): a block of UBW units has G*UBW/8 half tiles of 8 rows
// (one gate of 8 consecutive units each), two per M tile, so one lane's accumulators hold every gate of its units and
// the cell can run on them ("register epilogue"). Otherwise gate-major rows (row = g U + u), 16 per M tile, and the
// gates of a unit meet in shared memory ("shared-memory epilogue").
inline constexpr bool kUnitBlocks = U % 8 == 0;
inline constexpr int UB8 = (kUnitBlocks && kGates % 2 == 1 && U % 16 == 0) ? 2 : 1;  // 8-unit groups per unit block
inline constexpr int UBW = 8 * UB8;                                         // units per unit block
inline constexpr int HALVES = kGates * UB8;                                 // half tiles per unit block
inline constexpr int MG = kUnitBlocks ? U / UBW : kGates * U / 16;          // M groups: unit blocks, or single M tiles
inline constexpr int MTU = kUnitBlocks ? (HALVES + 1) / 2 : 1;              // M tiles per group
inline constexpr int NT = kBatchTile / 8;                                   // batch tiles of 8
inline constexpr int KT = kHeadSize / 16;                                   // reduction tiles of 16
typedef fused::WarpGrid<MG, NT, KT> Grid;
inline constexpr int MPW = Grid::MPW, NPW = Grid::NPW, KPW = Grid::KPW;
inline constexpr int TPW = MPW * MTU * KPW;                                 // A tiles per warp
typedef fused::RTiles<TPW> Tiles;
inline constexpr int CHAINS = accumulator_chains(MPW * NPW * MTU, KPW);  // accumulator sets along the reduction
inline constexpr bool kRegEpilogue = kUnitBlocks && Grid::WK == 1;

inline constexpr int SLD = kHeadSize + 16 / kMmaBytes;                      // s_rec row stride (16 bytes of padding)
inline constexpr int PLD = kBatchTile + 1;                                  // partial-sum row stride (odd: no conflicts)
inline constexpr int PAIRS_REG = MPW * NPW * UB8 * 2;  // (unit, batch) pairs per lane, register epilogue
inline constexpr int PAIRS_SMEM = (U * kBatchTile + kThreads - 1) / kThreads;  // per thread, shared-memory epilogue
inline constexpr int PAIRS = kRegEpilogue ? PAIRS_REG : PAIRS_SMEM;
inline constexpr int XLD = kGates * U + 16 / static_cast<int>(sizeof(store_t));  // staged Wx: one batch row (G x U)
// Staged stores (register epilogue): a step's states [S][BT][U] and gates [G][BT][U], double-buffered (the stage of
// step t is stored during step t + 1, while step t + 1 writes the other buffer).
inline constexpr bool kStagedStores = kRegEpilogue;
inline constexpr int OLD = fused::stage_row_stride<store_t, U>();  // staged states: row stride
inline constexpr int GLD = fused::stage_row_stride<float, U>();    // staged gates: row stride
inline constexpr int kOElems = kStates * kBatchTile * OLD;         // one buffer of staged states
inline constexpr int kGElems = kGates * kBatchTile * GLD;          // one buffer of staged gates

// Dynamic shared memory: [R tiles][s_rec x 2][staged Wx x STAGES][partial sums (shared-memory epilogue only)]
// [staged states x 2][staged gates x 2 (when the forward stores gates)] (staged stores only).
inline constexpr int kRBytes = Grid::WM * Grid::WK * Tiles::kGroupBytes;
inline constexpr int kSBytes = 2 * kBatchTile * SLD * kMmaBytes;
inline constexpr int kXBytes = kInputStages * kBatchTile * XLD * static_cast<int>(sizeof(store_t));
inline constexpr int kPBytes = kRegEpilogue ? 0 : round_up(Grid::WK * kGates * U * PLD * 4, 16);
inline constexpr int kOBytes = kStagedStores ? round_up(2 * kOElems * static_cast<int>(sizeof(store_t)), 16) : 0;
inline constexpr int kGBytes = kStagedStores && kStoreGates ? 2 * kGElems * 4 : 0;
inline constexpr int kSmemBytes = kRBytes + kSBytes + kXBytes + kPBytes + kOBytes + kGBytes;

// The gate g and unit u (within the CTA) of row r (0..15) of M tile mt of M group `group`; g < 0 for a padding row.
struct GateRow {
    int g, u;
};
__device__ __forceinline__ GateRow gate_row(int group, int mt, int r)
{
    if (kUnitBlocks) {
        const int q = 2 * mt + (r >> 3);  // half tile: gate g of the 8-unit group ug
        if (q >= HALVES) return {-1, 0};
        const int ug = q / kGates;
        return {q - ug * kGates, group * UBW + ug * 8 + (r & 7)};
    }
    const int q = (group * MTU + mt) * 16 + r;
    return {q / U, q % U};
}

// Where pair p of this thread is: batch row n (0..BT-1) and unit u (0..U-1) within the CTA's tile.
struct PairPos {
    int n, u;
};
__device__ __forceinline__ PairPos pair_pos(const Grid& grid, int p)
{
    if (kRegEpilogue) {
        // p = ((x NPW + ntl) UB8 + ug) 2 + nb
        const int nb = p & 1, ug = (p >> 1) % UB8, ntl = (p / (2 * UB8)) % NPW, x = p / (2 * UB8 * NPW);
        const int lane = lane_id();
        return {(grid.wn + Grid::WN * ntl) * 8 + 2 * (lane & 3) + nb, (grid.wm + Grid::WM * x) * UBW + ug * 8 + (lane >> 2)};
    }
    const int pid = static_cast<int>(threadIdx.x) + p * kThreads;
    return {pid / U, pid % U};  // pid >= U * BT: n >= BT, masked by the caller
}

}  // namespace fwd
}  // namespace frg

using namespace frg;
using namespace frg::fwd;

// The exchange among the CTAs of a head when it goes through global memory (fused::TaggedExchange), and the bytes of
// its workspace per batch tile (all heads, both parities): [2][tiles][NH] groups of tagged lines. Other exchanges use
// no workspace.
// With FRG_EXCHANGE_CLUSTER = XC > 1 the CTAs of a head share the polling in clusters of XC (fused::TaggedExchange).
inline constexpr int XC = fused::kExchange == fused::kGlobal ? kExchangeCluster : 1;
typedef select_type<fused::kExchange == fused::kGlobal,
    fused::TaggedExchange<mma_t, kBatchTile, U, kCtasPerHead, XC>, fused::NoTaggedExchange<mma_t> >::type ForwardExchange;
inline constexpr int kExchangeBytesPerTile = 2 * kHeads * ForwardExchange::kGroupWords * 8;

// Launch facts for the host, readable with cuModuleGetGlobal: threads per CTA, dynamic shared memory bytes, grid.x
// (= CTAs per head K), batch tile BT, cluster size (1 = no cluster), cooperative launch needed (1/0), exchange
// workspace bytes per batch tile.
extern "C" __constant__ int frg_fused_forward_launch[7] = {kThreads, kSmemBytes, kCtasPerHead, kBatchTile,
    fused::kExchange == fused::kCluster ? kCtasPerHead : XC, fused::kExchange == fused::kGlobal ? 1 : 0,
    kExchangeBytesPerTile};

// Grid (K, ceil(B / BT), NH); block kThreads; dynamic shared memory kSmemBytes. See README.md.
extern "C" __global__ void __launch_bounds__(kThreads, 1) frg_fused_forward(const store_t* __restrict__ Wx,
    const store_t* __restrict__ R, const store_t* __restrict__ bias, const store_t* __restrict__ initial,
    store_t* __restrict__ states, store_t* __restrict__ last, float* __restrict__ gates, mma_t* exchange, int B, int T)
{
    FRG_DYNAMIC_SHARED(unsigned char, smem);
    const int k = static_cast<int>(blockIdx.x), h = static_cast<int>(blockIdx.z);
    const int b0 = static_cast<int>(blockIdx.y) * kBatchTile;
    const int col0 = k * U;  // first unit of this CTA within the head
    const int tid = static_cast<int>(threadIdx.x), gq = lane_id() >> 2;
    const Grid grid;
    mma_t* const sbuf = reinterpret_cast<mma_t*>(smem + kRBytes);
    store_t* const xstage = reinterpret_cast<store_t*>(smem + kRBytes + kSBytes);
    float* const pbuf = reinterpret_cast<float*>(smem + kRBytes + kSBytes + kXBytes);
    store_t* const ostage = reinterpret_cast<store_t*>(smem + kRBytes + kSBytes + kXBytes + kPBytes);
    float* const gstage = reinterpret_cast<float*>(smem + kRBytes + kSBytes + kXBytes + kPBytes + kOBytes);
    const bool store_gates = kStoreGates && gates != nullptr;

    // This thread's share of every step's Wx rows, [BT][G][U] of this CTA (row r = n G + g), starting at step 0;
    // each step's rows are kGHD elements after the previous step's. Masked batch rows are zero-filled.
    fused::StepRows<store_t, kBatchTile * kGates, U> wx_rows;
    wx_rows.init([](int r) { return (r / kGates) * XLD + (r % kGates) * U; },
        [&](int r) -> const store_t* {
            const int n = r / kGates, g = r - n * kGates;
            return b0 + n < B ? Wx + static_cast<i64>(b0 + n) * T * kGHD + g * kHD + h * kHeadSize + col0 : nullptr;
        }, Wx);
    // Stages the next step's Wx rows (steps go 0, 1, 2, ...) into the next ring buffer. Always commits a group (an
    // empty one past the last step), so the groups in flight count steps.
    fused::RingSlot<kInputStages> issue_slot, read_slot;
    int next_staged = 0;
    auto stage_next_step = [&]() {
        if (next_staged < T) wx_rows.issue(xstage + issue_slot.value * kBatchTile * XLD);
        wx_rows.advance(kGHD);
        issue_slot.next();
        ++next_staged;
        ptx::cp_async_commit();
    };

    // Staged stores: this thread's share of every step's state rows [S][BT][U] (row r = s BT + n) and gate rows
    // [G][BT][U] (row r = g BT + n), from the stage buffers to global memory. Masked batch rows are not stored.
    fused::StepRows<store_t, kStagedStores ? kStates * kBatchTile : 1, U> state_rows;
    fused::StepRows<float, kStagedStores ? kGates * kBatchTile : 1, U> gate_rows;
    if constexpr (kStagedStores) {
        state_rows.init([](int r) { return r * OLD; }, [&](int r) -> const store_t* {
            const int s = r / kBatchTile, n = r - s * kBatchTile;
            return b0 + n < B ? states + (static_cast<i64>(s) * B + b0 + n) * T * kHD + h * kHeadSize + col0 : nullptr;
        }, states);
        if (store_gates)
            gate_rows.init([](int r) { return r * GLD; }, [&](int r) -> const float* {
                const int g = r / kBatchTile, n = r - g * kBatchTile;
                return b0 + n < B ? gates + static_cast<i64>(b0 + n) * T * kGHD + g * kHD + h * kHeadSize + col0 : nullptr;
            }, gates);
    }
    // Stores the stage buffers of step `step` (filled before the last barrier) and moves on to the next step's rows.
    auto store_staged_step = [&](int step) {
        state_rows.store(ostage + (step & 1) * kOElems);
        state_rows.advance(kHD);
        if (store_gates) {
            gate_rows.store(gstage + (step & 1) * kGElems);
            gate_rows.advance(kGHD);
        }
    };

    // ---- R slice: registers + shared memory ------------------------------------------------------------------------
    Tiles tiles;
    tiles.smem = smem + grid.tile_group() * Tiles::kGroupBytes;
    tiles.init([&](int li) {
        const int x = li / (MTU * KPW), mt = (li / KPW) % MTU, kt = grid.wk * KPW + li % KPW;
        const int group = grid.wm + Grid::WM * x;
        return [=](int r, int c) -> float {
            const GateRow gr = gate_row(group, mt, r);
            if (gr.g < 0 || kt >= KT) return 0.0f;  // padding row, or past the end of an uneven reduction split
            const int i = kt * 16 + c;
            return to_float(R[((static_cast<i64>(gr.g) * kHeads + h) * kHeadSize + i) * kHeadSize + col0 + gr.u]);
        };
    }, grid.wn == 0);

    // ---- s_rec(-1) = the initial recurrent state (all DH units), the first step's inputs ------------------------------
    for (int e = tid; e < 2 * kBatchTile * SLD; e += kThreads) sbuf[e] = 0;
    for (int e = tid; e < kInputStages * kBatchTile * XLD; e += kThreads) xstage[e] = store_t(0);
    __syncthreads();
    for (int e = tid; e < kBatchTile * kHeadSize; e += kThreads) {
        const int n = e / kHeadSize, i = e - n * kHeadSize;
        if (b0 + n < B)
            sbuf[n * SLD + i] = to_mma(to_float(initial[(static_cast<i64>(kRecState) * B + b0 + n) * kHD + h * kHeadSize + i]));
    }
    for (int s = 0; s < kInputStages - 1; ++s) stage_next_step();

    // ---- per-pair states (float32 for the whole sequence), where each pair's outputs go (direct stores), biases --------
    // The output pointers start at step 0 and move on by kHD (states) or kGHD (gates) per step: per-step 64-bit
    // address arithmetic was a large part of a short step (gpu-run-17).
    float st[PAIRS][kStates];
    store_t* state_out[PAIRS][kStates];
    float* gate_out[PAIRS];
    bool pair_valid[PAIRS];
#pragma unroll
    for (int p = 0; p < PAIRS; ++p) {
        const PairPos pp = pair_pos(grid, p);
        const bool valid = pp.n < kBatchTile && b0 + pp.n < B;
        const int b = valid ? b0 + pp.n : 0;
        const i64 hu = h * kHeadSize + col0 + pp.u;
        pair_valid[p] = valid;
        gate_out[p] = gates ? gates + static_cast<i64>(b) * T * kGHD + hu : nullptr;
#pragma unroll
        for (int s = 0; s < kStates; ++s) {
            st[p][s] = valid ? to_float(initial[(static_cast<i64>(s) * B + b) * kHD + hu]) : 0.0f;
            state_out[p][s] = states + (static_cast<i64>(s) * B + b) * T * kHD + hu;
        }
    }
    // Register epilogue: the bias of each accumulator row (half tile q = 2 mt + hi, unit row gq), the same for every
    // batch column. Shared-memory epilogue: the G biases of each pair.
    float bias_r[kRegEpilogue ? MPW : 1][MTU][2];
    float bias_p[kRegEpilogue ? 1 : PAIRS][kGates];
    if constexpr (kRegEpilogue) {
#pragma unroll
        for (int x = 0; x < MPW; ++x)
#pragma unroll
            for (int mt = 0; mt < MTU; ++mt)
#pragma unroll
                for (int hi = 0; hi < 2; ++hi) {
                    const GateRow gr = gate_row(grid.wm + Grid::WM * x, mt, gq + 8 * hi);
                    bias_r[x][mt][hi] = gr.g >= 0 ? to_float(bias[(gr.g * kHeads + h) * kHeadSize + col0 + gr.u]) : 0.0f;
                }
    } else {
#pragma unroll
        for (int p = 0; p < PAIRS; ++p) {
            const PairPos pp = pair_pos(grid, p);
#pragma unroll
            for (int g = 0; g < kGates; ++g)
                bias_p[p][g] = pp.n < kBatchTile ? to_float(bias[(g * kHeads + h) * kHeadSize + col0 + pp.u]) : 0.0f;
        }
    }
    ForwardExchange xchg;
    if constexpr (fused::kExchange == fused::kGlobal) {
        // exchange: [2][gridDim.y][NH] groups of ForwardExchange::kGroupWords tagged words
        const i64 words = ForwardExchange::kGroupWords;
        xchg.init(reinterpret_cast<unsigned long long*>(exchange) + (static_cast<i64>(blockIdx.y) * kHeads + h) * words,
            static_cast<i64>(gridDim.y) * kHeads * words, SLD, k);
    }
    ptx::cp_async_wait_pending<kInputStages - 2>();  // step 0's inputs
    if (fused::kExchange == fused::kCluster || XC > 1) cluster_sync();  // also: peers run before anyone writes into them
    else __syncthreads();

    StepProfile prof;
    prof.start();
    for (int t = 0; t < T; ++t) {
        const mma_t* cur = sbuf + (t & 1) * kBatchTile * SLD;
        mma_t* nxt = sbuf + ((t + 1) & 1) * kBatchTile * SLD;
        const store_t* xs = xstage + read_slot.value * kBatchTile * XLD;
        read_slot.next();

        // ---- acc = R_slice^T s_rec(t-1) (+ bias in the register epilogue) ---------------------------------------------
        // Reduction tile ktl goes into accumulator set ktl % CHAINS; the sets are added after the loop.
        float accs[CHAINS][MPW][NPW][MTU][4] = {};
        if constexpr (kRegEpilogue) {
#pragma unroll
            for (int x = 0; x < MPW; ++x)
#pragma unroll
                for (int ntl = 0; ntl < NPW; ++ntl)
#pragma unroll
                    for (int mt = 0; mt < MTU; ++mt)
#pragma unroll
                        for (int v = 0; v < 4; ++v) accs[0][x][ntl][mt][v] = bias_r[kRegEpilogue ? x : 0][mt][v >> 1];
        }
#pragma unroll
        for (int ktl = 0; ktl < KPW; ++ktl) {
            if (!grid.has_k(ktl)) break;
            const int kt = grid.k_tile(ktl);
            FragB bf[NPW];
#pragma unroll
            for (int ntl = 0; ntl < NPW; ++ntl)
                bf[ntl] = load_frag_b_nk(cur + ((grid.wn + Grid::WN * ntl) * 8) * SLD + kt * 16, SLD);
#pragma unroll
            for (int x = 0; x < MPW; ++x)
#pragma unroll
                for (int mt = 0; mt < MTU; ++mt) {
                    const FragA a = tiles.get((x * MTU + mt) * KPW + ktl);
#pragma unroll
                    for (int ntl = 0; ntl < NPW; ++ntl) mma_16x8x16(accs[ktl % CHAINS][x][ntl][mt], a, bf[ntl]);
                }
        }
        fused::merge_accumulator_sets(accs);
        float (&acc)[MPW][NPW][MTU][4] = accs[0];
        prof.mark(0);
        // Requested while the tensor cores work on this step's product, off the chain from the barrier to the MMAs.
        // Into the buffer step t - 1 read (its readers passed that step's last barrier); waited for STAGES - 2 steps on.
        stage_next_step();  // step t + STAGES - 1
        prof.mark(1);

        // ---- gate pre-activations of each pair -> cell -> states ------------------------------------------------------
        if constexpr (!kRegEpilogue) {
            // Partial sums of the WK reduction warps meet in shared memory: pbuf[wk][g][u][n].
#pragma unroll
            for (int x = 0; x < MPW; ++x)
#pragma unroll
                for (int ntl = 0; ntl < NPW; ++ntl)
#pragma unroll
                    for (int mt = 0; mt < MTU; ++mt)
#pragma unroll
                        for (int v = 0; v < 4; ++v) {
                            const GateRow gr = gate_row(grid.wm + Grid::WM * x, mt, acc_row(v));
                            if (gr.g < 0) continue;
                            const int n = (grid.wn + Grid::WN * ntl) * 8 + acc_col(v);
                            pbuf[((grid.wk * kGates + gr.g) * U + gr.u) * PLD + n] = acc[x][ntl][mt][v];
                        }
            __syncthreads();
        }
        // All loads of every pair first (accumulators or partial sums, staged inputs), then the cells and all stores:
        // no store can then sit between one pair's math and the next pair's loads, so the pairs' chains interleave.
        float grec[PAIRS][kGates], gin[PAIRS][kGates];
#pragma unroll
        for (int p = 0; p < PAIRS; ++p) {
            const PairPos pp = pair_pos(grid, p);
            if (pp.n >= kBatchTile) continue;  // shared-memory epilogue: this thread has fewer pairs
            if constexpr (kRegEpilogue) {
                const int nb = p & 1, ug = (p >> 1) % UB8, ntl = (p / (2 * UB8)) % NPW, x = p / (2 * UB8 * NPW);
#pragma unroll
                for (int g = 0; g < kGates; ++g) {
                    const int q = ug * kGates + g;
                    grec[p][g] = acc[x][ntl][q >> 1][(q & 1) * 2 + nb];
                }
            } else {
#pragma unroll
                for (int g = 0; g < kGates; ++g) {
                    float sum = bias_p[p][g];
#pragma unroll
                    for (int w = 0; w < Grid::WK; ++w) sum += pbuf[((w * kGates + g) * U + pp.u) * PLD + pp.n];
                    grec[p][g] = sum;
                }
            }
#pragma unroll
            for (int g = 0; g < kGates; ++g) gin[p][g] = to_float(xs[pp.n * XLD + g * U + pp.u]);
        }
        prof.mark(2);
#pragma unroll
        for (int p = 0; p < PAIRS; ++p) {
            const PairPos pp = pair_pos(grid, p);
            if (pp.n >= kBatchTile) continue;
            float s_new[kStates];
            cell_forward(gin[p], grec[p], st[p], s_new, t == 0);
            const bool valid = pair_valid[p];
#pragma unroll
            for (int s = 0; s < kStates; ++s) st[p][s] = s_new[s];
            if constexpr (kStagedStores) {
                // Masked rows are written too (branch-free) but never stored.
                store_t* const o = ostage + (t & 1) * kOElems + pp.n * OLD + pp.u;
#pragma unroll
                for (int s = 0; s < kStates; ++s) o[s * kBatchTile * OLD] = to_store(s_new[s]);
                if (store_gates) {
                    float* const gs = gstage + (t & 1) * kGElems + pp.n * GLD + pp.u;
#pragma unroll
                    for (int g = 0; g < kGates; ++g) gs[g * kBatchTile * GLD] = grec[p][g];
                }
            } else {
                if (valid) {
#pragma unroll
                    for (int s = 0; s < kStates; ++s) *state_out[p][s] = to_store(s_new[s]);
                    if (store_gates) {
#pragma unroll
                        for (int g = 0; g < kGates; ++g) gate_out[p][g * kHD] = grec[p][g];
                    }
                }
                // On to step t + 1's rows (pointers carried from step to step: the compiler cannot recompute them).
#pragma unroll
                for (int s = 0; s < kStates; ++s) state_out[p][s] += kHD;
                if (store_gates) gate_out[p] += kGHD;
            }
            nxt[pp.n * SLD + col0 + pp.u] = to_mma(valid ? s_new[kRecState] : 0.0f);
        }
        // The previous step's staged stores, last in the cell phase: warps wait at the barrier next anyway. After the
        // step's product or its input copies they made the LSTM 12x64 step up to 20% slower (gpu-run-33).
        if (kStagedStores && t > 0) store_staged_step(t - 1);
        prof.mark(3);

        // ---- hand s_rec(t) to the other CTAs of the head; one barrier ends the step --------------------------------------
        if (t + 1 < T) {
            ptx::cp_async_wait_pending<kInputStages - 2>();  // this thread's copies of step t+1; the barrier publishes them
            if (fused::kExchange == fused::kLocal) {
                __syncthreads();
            } else if (fused::kExchange == fused::kCluster) {
                __syncthreads();
                fused::push_slice_to_cluster<mma_t, kBatchTile, U>(nxt, SLD, col0, kCtasPerHead, k);
                cluster_arrive_release();
                cluster_wait_acquire();
            } else if constexpr (fused::kExchange == fused::kGlobal) {
                __syncthreads();
                xchg.publish(nxt, static_cast<u32>(t + 1));
                if constexpr (XC > 1) fused::push_slice_to_cluster<mma_t, kBatchTile, U>(nxt, SLD, col0, XC, k % XC);
                xchg.collect(nxt, static_cast<u32>(t + 1));
                if constexpr (XC > 1) {  // the lines this CTA took went to its peers too; theirs came here
                    cluster_arrive_release();
                    cluster_wait_acquire();
                } else {
                    __syncthreads();
                }
            }
        }
        prof.mark(4);
        prof.end_step();
    }
    prof.flush();
    if constexpr (kStagedStores) {
        __syncthreads();  // the last step ends without a barrier
        store_staged_step(T - 1);
    }

    // ---- last states -------------------------------------------------------------------------------------------------
#pragma unroll
    for (int p = 0; p < PAIRS; ++p) {
        const PairPos pp = pair_pos(grid, p);
        if (pp.n >= kBatchTile || b0 + pp.n >= B) continue;
#pragma unroll
        for (int s = 0; s < kStates; ++s)
            last[(static_cast<i64>(s) * B + b0 + pp.n) * kHD + h * kHeadSize + col0 + pp.u] = to_store(st[p][s]);
    }
}
