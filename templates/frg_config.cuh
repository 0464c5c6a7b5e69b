// frg_config.cuh - the plan's constants.
//
// Every kernel reads the plan only through these macros. The generator passes them as NVRTC -D options; the
// defaults below let a template compile on its own (LSTM, 2 heads of 64, bfloat16, one CTA per head), which is how
// tools/nvrtc_check.py checks the templates without the generator. Each value is checked here, so a bad plan fails
// at compile time with a message that names the macro instead of producing a wrong kernel.
#ifndef FRG_CONFIG_CUH
#define FRG_CONFIG_CUH

// Storage dtype of every tensor argument except the float32 workspaces: 0 float32, 1 bfloat16, 2 float16.
#ifndef FRG_DTYPE
#define FRG_DTYPE 1
#endif
// The cell: gates G, states S, the state that feeds the recurrence. A generated cell defines these itself.
#ifndef FRG_GATES
#define FRG_GATES 4
#endif
#ifndef FRG_STATES
#define FRG_STATES 2
#endif
#ifndef FRG_REC_STATE
#define FRG_REC_STATE 0
#endif
#ifndef FRG_CELL_USES_FIRST
#define FRG_CELL_USES_FIRST 0
#endif
// 1 when every gate enters the cell only as x_g + (R_g h + b_g) (LSTM, sLSTM, Elman; the generator decides): the
// gradients of a gate's input and recurrent parts are then equal.
#ifndef FRG_GATES_SUMMED
#define FRG_GATES_SUMMED 0
#endif
// The shape: heads NH and head size DH.
#ifndef FRG_HEADS
#define FRG_HEADS 2
#endif
#ifndef FRG_HEAD_SIZE
#define FRG_HEAD_SIZE 64
#endif
// The fused kernels' tiling (kernel-design.md): CTAs per head K, batch rows per CTA BT, warps per CTA, 16x16
// tiles of R each warp keeps in registers, exchange through a thread block cluster, gates stored by the forward.
#ifndef FRG_CTAS_PER_HEAD
#define FRG_CTAS_PER_HEAD 1
#endif
#ifndef FRG_BATCH_TILE
#define FRG_BATCH_TILE 16
#endif
#ifndef FRG_WARPS
#define FRG_WARPS 8
#endif
#ifndef FRG_R_REG_TILES
#define FRG_R_REG_TILES 8
#endif
#ifndef FRG_USE_CLUSTER
#define FRG_USE_CLUSTER 0
#endif
// Optional, fused kernels whose exchange goes through L2 (FRG_CTAS_PER_HEAD > 1, FRG_USE_CLUSTER 0): the CTAs of a
// head form clusters of FRG_EXCHANGE_CLUSTER (a divisor of FRG_CTAS_PER_HEAD below it, at most 8) that share the
// exchange through distributed shared memory, so L2 carries a fraction of the bytes. Forward: each CTA polls the
// slices of 1 / FRG_EXCHANGE_CLUSTER of the other clusters' CTAs and forwards them to its cluster; backward: a cluster
// adds its partial sums before they go to L2. 1 (the default): every CTA exchanges on its own.
#ifndef FRG_EXCHANGE_CLUSTER
#define FRG_EXCHANGE_CLUSTER 1
#endif
// Optional, fused backward with the exchange through L2 (FRG_CTAS_PER_HEAD > 1, FRG_USE_CLUSTER 0): 1 partitions
// its product by rows of R instead of columns. Each CTA then multiplies its own units' rows of R by the whole step's
// drec, which the CTAs all-gather in the MMA type (the forward's tagged exchange, G times as wide), instead of
// reduce-scattering float32 partial sums for every unit. 0 (the default): columns, as the forward.
#ifndef FRG_BACKWARD_ROWS
#define FRG_BACKWARD_ROWS 0
#endif
// Optional, fused backward with the exchange through L2 and FRG_BACKWARD_ROWS 0: FRG_BACKWARD_ROW_BLOCKS = KR > 1 (a
// divisor of FRG_CTAS_PER_HEAD below it) splits the product over a grid of KR blocks of R's rows by KC = K / KR
// blocks of its columns. The KC CTAs of a row block reduce-scatter float32 partial sums (as the column split does,
// among KC instead of K), and the KR CTAs of a column block all-gather drec (as the row split does, among KR instead
// of K): each CTA exchanges with KR + KC - 2 peers a step instead of K - 1. 1 (the default): the plain split.
#ifndef FRG_BACKWARD_ROW_BLOCKS
#define FRG_BACKWARD_ROW_BLOCKS 1
#endif
// Depth of the ring that stages each step's inputs (Wx; in the backward also gates, states and dStates) into shared
// memory with cp.async: step t + FRG_INPUT_STAGES - 1 is requested while step t computes, so a load has
// FRG_INPUT_STAGES - 1 steps to arrive. 2 = one step ahead (a step shorter than DRAM latency then waits for it).
#ifndef FRG_INPUT_STAGES
#define FRG_INPUT_STAGES 4
#endif
#ifndef FRG_STORE_GATES
#define FRG_STORE_GATES 1
#endif
// Optional, float32 plans only: 0 (default) multiplies in 3xTF32 (each operand split into a TF32 part and a TF32
// remainder; three tensor-core products per step; about float32 accuracy), 1 in plain TF32 (10-bit mantissa inputs,
// a third of the tensor-core work, errors near 1e-3 relative).
#ifndef FRG_FP32_FAST_MMA
#define FRG_FP32_FAST_MMA 0
#endif
// Optional: 1 selects the fast transcendental intrinsics in frg_math.cuh (see there for their error).
#ifndef FRG_FAST_MATH
#define FRG_FAST_MATH 0
#endif
// Optional, for debugging: when > 0, a tagged-exchange wait that spins this many polls traps (the launch then
// fails with an error) instead of hanging. 0 (the default) spins without a bound.
#ifndef FRG_SPIN_LIMIT
#define FRG_SPIN_LIMIT 0
#endif
// Optional: 1 makes the tagged exchanges' loads and stores relaxed at GPU scope instead of volatile (system scope).
#ifndef FRG_EXCHANGE_GPU_SCOPE
#define FRG_EXCHANGE_GPU_SCOPE 0
#endif
// Optional: when > 0, a thread polling tagged lines through L2 that found none of them arrived sleeps this many
// nanoseconds (nanosleep) before it asks again, which thins the polling traffic the producers' stores compete with.
// 0 (the default) polls back to back.
#ifndef FRG_POLL_SLEEP_NS
#define FRG_POLL_SLEEP_NS 0
#endif
// Optional, fused backward split by rows (FRG_BACKWARD_ROWS): 1 (the default) requests each step's later inputs
// (cp.async) while the exchange waits for its peers, off the step's dependent chain; 0 first thing in the step.
#ifndef FRG_BACKWARD_LATE_STAGING
#define FRG_BACKWARD_LATE_STAGING 1
#endif
// Optional, fused backward split by rows: 1 lets each warp collect only the drec lines it multiplies, right before
// its product, instead of the whole CTA collecting every line behind a barrier (0, the default). Measured slower
// (gpu-run-56: LSTM 1x768 backward 4.48 against 2.84 us/step); kept as a documented experiment.
#ifndef FRG_ROWS_WARP_COLLECT
#define FRG_ROWS_WARP_COLLECT 0
#endif
// Optional: how many 16-byte lines a thread of the forward's tagged exchange (and the row-split backward's) polls at
// once, 1 to 32 (4 by default): more lines in flight per round, more registers.
#ifndef FRG_POLL_BATCH
#define FRG_POLL_BATCH 4
#endif
// Optional: 1 makes each CTA of a tagged exchange poll its peers' slices starting from the next CTA's (rank r + 1,
// wrapping) instead of from CTA 0's, so that at any moment the CTAs read different lines rather than all the same
// ones (0, the default, the old order). Measured not to pay (gpu-run-57: the row-split 1x768 backward 3% slower).
#ifndef FRG_POLL_ROTATE
#define FRG_POLL_ROTATE 0
#endif
// Optional: accumulator sets a warp's product alternates between along its reduction (see frg::accumulator_chains);
// 0 (the default) lets the kernel choose, N > 0 asks for N (at most the warp's reduction tiles).
#ifndef FRG_ACC_CHAINS
#define FRG_ACC_CHAINS 0
#endif

#if FRG_DTYPE < 0 || FRG_DTYPE > 2
#error "FRG_DTYPE must be 0 (float32), 1 (bfloat16) or 2 (float16)"
#endif
#if FRG_GATES < 1 || FRG_STATES < 1
#error "FRG_GATES and FRG_STATES must be at least 1"
#endif
#if FRG_REC_STATE < 0 || FRG_REC_STATE >= FRG_STATES
#error "FRG_REC_STATE must index one of the FRG_STATES states"
#endif
#if FRG_HEADS < 1 || FRG_HEAD_SIZE < 1
#error "FRG_HEADS and FRG_HEAD_SIZE must be at least 1"
#endif
#if FRG_CTAS_PER_HEAD < 1 || FRG_WARPS < 1 || FRG_WARPS > 32 || FRG_R_REG_TILES < 0
#error "FRG_CTAS_PER_HEAD >= 1, 1 <= FRG_WARPS <= 32 and FRG_R_REG_TILES >= 0 are required"
#endif
#if FRG_POLL_SLEEP_NS < 0 || FRG_POLL_SLEEP_NS > 1000000
#error "FRG_POLL_SLEEP_NS must be between 0 and 1000000"
#endif
#if FRG_EXCHANGE_CLUSTER < 1 || FRG_EXCHANGE_CLUSTER > 8
#error "FRG_EXCHANGE_CLUSTER must be between 1 and 8"
#endif
#if FRG_BACKWARD_ROWS != 0 && FRG_BACKWARD_ROWS != 1
#error "FRG_BACKWARD_ROWS must be 0 or 1"
#endif
#if FRG_BACKWARD_ROW_BLOCKS < 1 || FRG_CTAS_PER_HEAD % FRG_BACKWARD_ROW_BLOCKS != 0 \
    || (FRG_BACKWARD_ROW_BLOCKS > 1 && (FRG_BACKWARD_ROWS != 0 || FRG_BACKWARD_ROW_BLOCKS == FRG_CTAS_PER_HEAD))
#error "FRG_BACKWARD_ROW_BLOCKS must divide FRG_CTAS_PER_HEAD and be smaller (K itself is FRG_BACKWARD_ROWS 1), with FRG_BACKWARD_ROWS 0"
#endif
#if FRG_POLL_ROTATE != 0 && FRG_POLL_ROTATE != 1
#error "FRG_POLL_ROTATE must be 0 or 1"
#endif
#if FRG_POLL_BATCH < 1 || FRG_POLL_BATCH > 32
#error "FRG_POLL_BATCH must be between 1 and 32"
#endif
#if FRG_INPUT_STAGES < 2 || FRG_INPUT_STAGES > 16
#error "FRG_INPUT_STAGES must be between 2 and 16"
#endif
#if FRG_BATCH_TILE != 8 && FRG_BATCH_TILE != 16 && FRG_BATCH_TILE != 32 && FRG_BATCH_TILE != 64
#error "FRG_BATCH_TILE must be 8, 16, 32 or 64"
#endif

namespace frg {
// The plan as C++ constants, so kernels use typed compile-time values instead of macros.
inline constexpr int kDType = FRG_DTYPE;
inline constexpr int kGates = FRG_GATES;
inline constexpr int kStates = FRG_STATES;
inline constexpr int kRecState = FRG_REC_STATE;
inline constexpr int kHeads = FRG_HEADS;
inline constexpr int kHeadSize = FRG_HEAD_SIZE;
inline constexpr int kCtasPerHead = FRG_CTAS_PER_HEAD;
inline constexpr int kBatchTile = FRG_BATCH_TILE;
inline constexpr int kWarps = FRG_WARPS;
inline constexpr int kThreads = 32 * FRG_WARPS;
inline constexpr int kRegTiles = FRG_R_REG_TILES;
inline constexpr bool kUseCluster = FRG_USE_CLUSTER != 0;
inline constexpr int kExchangeCluster = FRG_EXCHANGE_CLUSTER;
inline constexpr bool kBackwardRows = FRG_BACKWARD_ROWS != 0;
// Blocks of R's rows in the fused backward's product: K for the row split, 1 for the column split.
inline constexpr int kBackwardRowBlocks = kBackwardRows ? FRG_CTAS_PER_HEAD : FRG_BACKWARD_ROW_BLOCKS;
inline constexpr int kPollBatch = FRG_POLL_BATCH;
inline constexpr bool kPollRotate = FRG_POLL_ROTATE != 0;
inline constexpr bool kStoreGates = FRG_STORE_GATES != 0;
inline constexpr bool kGatesSummed = FRG_GATES_SUMMED != 0;
// The gate gradient the weight gradients read (grad_gemm.cu): dWx, in the storage dtype, when it equals drec (summed
// gates) and that dtype keeps its range (bfloat16, float32); else drec in float32. The fused backward then writes no
// drec (its float32 stores cost ~160 of a 1750-cycle LSTM 12x64 step, gpu-run-24).
inline constexpr bool kGradFromDwx = kGatesSummed && FRG_DTYPE != 2;
inline constexpr int kInputStages = FRG_INPUT_STAGES;
// float32 plans: tensor-core operands split into TF32 big + small parts (3xTF32) unless FRG_FP32_FAST_MMA.
inline constexpr bool kSplitTf32 = FRG_DTYPE == 0 && FRG_FP32_FAST_MMA == 0;

// Elements of one [NH, DH] slice (one batch row, one time step, one gate or state).
inline constexpr int kHD = kHeads * kHeadSize;
// Elements of one gate row [G, NH, DH] (one batch row, one time step of Wx, gates, dWx, drec).
inline constexpr int kGHD = kGates * kHD;

inline constexpr int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
inline constexpr int min_int(int a, int b) { return a < b ? a : b; }
inline constexpr int round_up(int a, int b) { return (a + b - 1) / b * b; }

// A warp's product adds KPW tiles along the reduction into each of its ACCS accumulator tiles; consecutive mma.sync
// on one accumulator wait for each other. With few accumulators (a 1x768 forward CTA: one tile, 12 deep) the chain,
// not the tensor cores, sets the product's time, so the k-loop alternates between this many accumulator sets, added
// once at the end: enough for about 4 independent products in flight (4 floats per extra tile and set).
inline constexpr int accumulator_chains(int accs, int kpw)
{
    const int wanted = FRG_ACC_CHAINS > 0 ? FRG_ACC_CHAINS : (4 + accs - 1) / accs;
    return wanted < 1 ? 1 : (wanted > kpw ? (kpw < 1 ? 1 : kpw) : wanted);
}
}  // namespace frg

#endif  // FRG_CONFIG_CUH
