// frg_mma.cuh - tensor-core tile primitives (mma.sync through inline PTX).
//
// One "A tile" is a 16x16 operand tile (M x K), one "B tile" a 16x8 operand tile (K x N); acc is the 16x8 float32
// accumulator. Lane l of a warp holds, with gq = l / 4 and tq = l % 4 (PTX ISA, mma.m16n8k16 fragment layouts):
//   acc[0], acc[1] = C[gq][2tq], C[gq][2tq+1];   acc[2], acc[3] = C[gq+8][2tq], C[gq+8][2tq+1]
//   16-bit A: r0 = A[gq][2tq..+1], r1 = A[gq+8][2tq..+1], r2 = A[gq][2tq+8..+9], r3 = A[gq+8][2tq+8..+9]
//   16-bit B: r0 = B[2tq..+1][gq], r1 = B[2tq+8..+9][gq]
// TF32 (float32 plans) runs two m16n8k8 steps per 16-wide K tile; per k8 half h (columns 8h..8h+7):
//   A: r[4h+0] = A[gq][8h+tq], r[4h+1] = A[gq+8][8h+tq], r[4h+2] = A[gq][8h+tq+4], r[4h+3] = A[gq+8][8h+tq+4]
//   B: r[2h+0] = B[8h+tq][gq], r[2h+1] = B[8h+tq+4][gq]
// 3xTF32 (the float32 default) holds each operand twice: r[0..] its TF32 part, then (from r[8] for A, r[4] for B)
// the TF32 rounding of the remainder; A B ~ A_big B_small + A_small B_big + A_big B_big, with float32 accumulation.
#ifndef FRG_MMA_CUH
#define FRG_MMA_CUH

#include "frg_types.cuh"

namespace frg {

inline constexpr int kARegs = kDType == 0 ? (kSplitTf32 ? 16 : 8) : 4;  // 32-bit registers of one 16x16 A tile per lane
inline constexpr int kBRegs = kDType == 0 ? (kSplitTf32 ? 8 : 4) : 2;    // of one 16x8 B tile

#if FRG_DTYPE == 0
// float32 -> (TF32 part, TF32 of the remainder): x - big is exact in float32, so big + small carries about 21 bits.
__device__ __forceinline__ void split_tf32(float x, u32& big, u32& small)
{
    big = ptx::f32_to_tf32(x);
    small = ptx::f32_to_tf32(x - __uint_as_float(big));
}
#endif

struct FragA { u32 r[kARegs]; };
struct FragB { u32 r[kBRegs]; };

__device__ __forceinline__ int lane_id() { return static_cast<int>(threadIdx.x) & 31; }

// acc += A (16x16) * B (16x8).
__device__ __forceinline__ void mma_16x8x16(float (&acc)[4], const FragA& a, const FragB& b)
{
#if FRG_DTYPE == 0
    // 3xTF32: the four small cross terms go into their own accumulator, which starts from zero and so does not wait
    // for acc; acc itself waits for two MMAs and one add per tile instead of six dependent MMAs (a warp's product is
    // a chain through acc, and the chain's latency, not the tensor cores' rate, set the float32 product phase:
    // ~1000 cycles a step at 12x64 against ~240 in bfloat16, gpu-run-42). Summing the small terms apart also adds
    // them at their own magnitude before they meet the big product.
    float cross[4] = {0.f, 0.f, 0.f, 0.f};
    if (kSplitTf32) {
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            const u32 a_big[4] = {a.r[4 * h], a.r[4 * h + 1], a.r[4 * h + 2], a.r[4 * h + 3]};
            const u32 b_big[2] = {b.r[2 * h], b.r[2 * h + 1]};
            const u32 a_small[4] = {a.r[8 + 4 * h], a.r[9 + 4 * h], a.r[10 + 4 * h], a.r[11 + 4 * h]};
            const u32 b_small[2] = {b.r[4 + 2 * h], b.r[5 + 2 * h]};
            ptx::mma_tf32_1688(cross, a_small, b_big);
            ptx::mma_tf32_1688(cross, a_big, b_small);
        }
    }
#pragma unroll
    for (int h = 0; h < 2; ++h) {
        const u32 a_big[4] = {a.r[4 * h], a.r[4 * h + 1], a.r[4 * h + 2], a.r[4 * h + 3]};
        const u32 b_big[2] = {b.r[2 * h], b.r[2 * h + 1]};
        ptx::mma_tf32_1688(acc, a_big, b_big);
    }
    if (kSplitTf32) {
#pragma unroll
        for (int i = 0; i < 4; ++i) acc[i] += cross[i];
    }
#elif FRG_DTYPE == 1
    ptx::mma_bf16_16816(acc, a.r, b.r);
#else
    ptx::mma_f16_16816(acc, a.r, b.r);
#endif
}

// Accumulator element v of this lane: its row (0..15) and column (0..7) in the 16x8 tile.
__device__ __forceinline__ int acc_row(int v) { return (lane_id() >> 2) + 8 * (v >> 1); }
__device__ __forceinline__ int acc_col(int v) { return 2 * (lane_id() & 3) + (v & 1); }

// Builds this lane's part of an A tile from an element function a(row, col) -> float (row, col in 0..15).
template <class ElemFn>
__device__ __forceinline__ FragA make_frag_a(const ElemFn& a)
{
    const int gq = lane_id() >> 2, tq = lane_id() & 3;
    FragA f;
#if FRG_DTYPE == 0
#pragma unroll
    for (int h = 0; h < 2; ++h) {
        const float x[4] = {a(gq, 8 * h + tq), a(gq + 8, 8 * h + tq), a(gq, 8 * h + tq + 4), a(gq + 8, 8 * h + tq + 4)};
#pragma unroll
        for (int e = 0; e < 4; ++e) {
            if (kSplitTf32) split_tf32(x[e], f.r[4 * h + e], f.r[kARegs / 2 + 4 * h + e]);
            else f.r[4 * h + e] = ptx::f32_to_tf32(x[e]);
        }
    }
#else
    f.r[0] = pack2(a(gq, 2 * tq), a(gq, 2 * tq + 1));
    f.r[1] = pack2(a(gq + 8, 2 * tq), a(gq + 8, 2 * tq + 1));
    f.r[2] = pack2(a(gq, 2 * tq + 8), a(gq, 2 * tq + 9));
    f.r[3] = pack2(a(gq + 8, 2 * tq + 8), a(gq + 8, 2 * tq + 9));
#endif
    return f;
}

// A tiles kept in shared memory in fragment order: lane l's registers are 16 contiguous bytes per quarter tile,
// so a warp reads a tile with conflict-free 16-byte loads. One tile takes kATileBytes. 3xTF32 keeps a tile's float32
// values there (big + small, which is exact: each part has an 11-bit significand and small is below half an ulp of
// big) and splits them again at every load: half the shared memory of the split parts, for three instructions per
// element, so float32 plans keep more of R on chip and need fewer R tiles in registers.
inline constexpr int kASharedRegs = kSplitTf32 ? kARegs / 2 : kARegs;
inline constexpr int kATileBytes = 32 * kASharedRegs * 4;
// Register of the small part that goes with big part i (3xTF32); i itself otherwise, so the index stays in range.
__device__ __forceinline__ constexpr int small_part(int i) { return kSplitTf32 ? kASharedRegs + i : i; }
__device__ __forceinline__ void store_frag_a(unsigned char* tile, const FragA& f)
{
    uint4* p = reinterpret_cast<uint4*>(tile) + lane_id();
    u32 w[kASharedRegs];
#pragma unroll
    for (int i = 0; i < kASharedRegs; ++i)
        w[i] = kSplitTf32 ? __float_as_uint(__uint_as_float(f.r[i]) + __uint_as_float(f.r[small_part(i)])) : f.r[i];
#pragma unroll
    for (int q = 0; q < kASharedRegs / 4; ++q)
        p[32 * q] = make_uint4(w[4 * q], w[4 * q + 1], w[4 * q + 2], w[4 * q + 3]);
}
__device__ __forceinline__ FragA load_frag_a(const unsigned char* tile)
{
    const uint4* p = reinterpret_cast<const uint4*>(tile) + lane_id();
    u32 w[kASharedRegs];
#pragma unroll
    for (int q = 0; q < kASharedRegs / 4; ++q) {
        const uint4 v = p[32 * q];
        w[4 * q] = v.x; w[4 * q + 1] = v.y; w[4 * q + 2] = v.z; w[4 * q + 3] = v.w;
    }
    FragA f;
#pragma unroll
    for (int i = 0; i < kASharedRegs; ++i) {
#if FRG_DTYPE == 0
        if (kSplitTf32) {
            split_tf32(__uint_as_float(w[i]), f.r[i], f.r[small_part(i)]);
            continue;
        }
#endif
        f.r[i] = w[i];
    }
    return f;
}

// B tile from a shared-memory matrix stored row n, column k (k contiguous): base points at element (n0, k0), ld is
// the row stride in elements. Rows padded by 16 bytes make these loads conflict-free.
__device__ __forceinline__ FragB load_frag_b_nk(const mma_t* base, int ld)
{
    const int gq = lane_id() >> 2, tq = lane_id() & 3;
    const mma_t* row = base + gq * ld;
    FragB f;
#if FRG_DTYPE == 0
    const u32 x[4] = {row[tq], row[tq + 4], row[tq + 8], row[tq + 12]};
#pragma unroll
    for (int e = 0; e < 4; ++e) {
        if (kSplitTf32) split_tf32(__uint_as_float(x[e]), f.r[e], f.r[4 + e]);
        else f.r[e] = x[e];  // stored already rounded to TF32
    }
#else
    f.r[0] = *reinterpret_cast<const u32*>(row + 2 * tq);
    f.r[1] = *reinterpret_cast<const u32*>(row + 2 * tq + 8);
#endif
    return f;
}

// ---- ldmatrix (16-bit plans only; the tiled GEMMs use them) --------------------------------------------------------
// Loads four 8x8 16-bit matrices; lane l gives the address of row l % 8 of matrix l / 8. With .trans each matrix is
// transposed on the way, which turns a K-major tile into the K-pair packing the MMA operands need.
using ptx::ldmatrix_x4;
using ptx::ldmatrix_x4_trans;

}  // namespace frg

#endif  // FRG_MMA_CUH
