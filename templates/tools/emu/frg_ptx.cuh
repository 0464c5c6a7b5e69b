// frg_ptx.cuh (emulator) - CPU implementations of the functions of templates/frg_ptx.cuh, with the same names and
// signatures, over emu_runtime.h. Fragment layouts follow the PTX ISA ("Matrix fragments for mma.m16n8k16",
// "mma.m16n8k8" with .tf32, "ldmatrix"); each warp-level instruction exchanges the 32 lanes' operands through the
// warp's scratch between two warp barriers.
#ifndef FRG_PTX_CUH
#define FRG_PTX_CUH

namespace frg {

typedef unsigned int u32;
typedef unsigned short u16;
typedef long long i64;

namespace ptx {

inline u32 bits(float f) { return __float_as_uint(f); }
inline float from_bits(u32 u) { return __uint_as_float(u); }

// ---- conversions ----------------------------------------------------------------------------------------------------
// float16 through the compiler's IEEE binary16 type (GCC 12+ on x86-64), which rounds to nearest even.
inline float f16_to_f32(u16 h)
{
    _Float16 v;
    std::memcpy(&v, &h, 2);
    return static_cast<float>(v);
}
inline u16 f32_to_bf16(float x)
{
    const u32 u = bits(x);
    if ((u & 0x7fffffffu) > 0x7f800000u) return static_cast<u16>((u >> 16) | 0x40u);  // NaN stays NaN
    return static_cast<u16>((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}
inline u16 f32_to_f16(float x)
{
    const _Float16 v = static_cast<_Float16>(x);
    u16 h;
    std::memcpy(&h, &v, 2);
    return h;
}
inline u32 f32_to_tf32(float x)  // cvt.rna: nearest, ties away from zero, to 10 mantissa bits
{
    const u32 u = bits(x);
    if ((u & 0x7f800000u) == 0x7f800000u) return u;
    return (u + 0x1000u) & 0xffffe000u;
}
inline u32 pack_bf16x2(float lo, float hi) { return f32_to_bf16(lo) | (static_cast<u32>(f32_to_bf16(hi)) << 16); }
inline u32 pack_f16x2(float lo, float hi) { return f32_to_f16(lo) | (static_cast<u32>(f32_to_f16(hi)) << 16); }

// ---- memory -----------------------------------------------------------------------------------------------------------
// Shared addresses are offsets into the CTA's dynamic shared memory (the only shared memory the cluster paths use).
inline u32 smem_addr(const void* p)
{
    const auto* b = frg_emu::tl_cta->smem.data();
    const auto* q = static_cast<const unsigned char*>(p);
    if (q < b || q >= b + frg_emu::tl_cta->smem.size()) frg_emu::fail("smem_addr of a non-dynamic-shared pointer");
    return static_cast<u32>(q - b);
}
// Each 64-bit word atomically (the tagged exchange relies on it); spinning readers let the other threads run.
inline ulonglong2 ld_volatile_u64x2(const void* p)
{
    std::this_thread::yield();
    const auto* w = static_cast<const unsigned long long*>(p);
    ulonglong2 v;
    v.x = __atomic_load_n(w, __ATOMIC_RELAXED);
    v.y = __atomic_load_n(w + 1, __ATOMIC_RELAXED);
    return v;
}
inline void st_volatile_u64x2(void* p, unsigned long long a, unsigned long long b)
{
    auto* w = static_cast<unsigned long long*>(p);
    __atomic_store_n(w, a, __ATOMIC_RELAXED);
    __atomic_store_n(w + 1, b, __ATOMIC_RELAXED);
}
inline void st_volatile_u64(void* p, unsigned long long a)
{
    __atomic_store_n(static_cast<unsigned long long*>(p), a, __ATOMIC_RELAXED);
}
inline float shfl_xor(float v, int mask)
{
    frg_emu::Warp& w = frg_emu::warp();
    const unsigned ln = frg_emu::lane();
    w.a[ln][0] = bits(v);
    w.bar.arrive_and_wait();
    const float r = from_bits(w.a[ln ^ static_cast<unsigned>(mask)][0]);
    w.bar.arrive_and_wait();
    return r;
}
inline void syncwarp() { frg_emu::warp().bar.arrive_and_wait(); }
inline void compiler_fence() { std::atomic_signal_fence(std::memory_order_seq_cst); }
inline void trap() { frg_emu::fail("trap (spin limit of a global barrier exceeded?)"); }
inline void nanosleep(u32) { std::this_thread::yield(); }
// The copy lands at once; the kernels' barriers after wait_all order it for the other threads as on the GPU.
// Source size: the first src_bytes bytes (0 or the copy size) are copied, the rest zero-filled (nothing else is read).
inline void cp_async_sized(void* smem_dst, const void* gmem_src, unsigned bytes, unsigned src_bytes)
{
    if (src_bytes != 0 && src_bytes != bytes) frg_emu::fail("cp.async source size other than 0 or the copy size");
    if ((reinterpret_cast<unsigned long long>(smem_dst) | reinterpret_cast<unsigned long long>(gmem_src)) & (bytes - 1))
        frg_emu::fail("cp.async with a misaligned address");
    if (src_bytes) std::memcpy(smem_dst, gmem_src, bytes);
    else std::memset(smem_dst, 0, bytes);
}
inline void cp_async_16(void* d, const void* s, unsigned src_bytes) { cp_async_sized(d, s, 16, src_bytes); }
inline void cp_async_8(void* d, const void* s, unsigned src_bytes) { cp_async_sized(d, s, 8, src_bytes); }
inline void cp_async_4(void* d, const void* s, unsigned src_bytes) { cp_async_sized(d, s, 4, src_bytes); }
inline void cp_async_commit() {}
inline void cp_async_wait_all() {}
template <int N>
inline void cp_async_wait_pending() {}

// ---- tensor cores ---------------------------------------------------------------------------------------------------
inline float lo16(u32 r, bool f16) { return f16 ? f16_to_f32(static_cast<u16>(r & 0xffffu)) : from_bits(r << 16); }
inline float hi16(u32 r, bool f16) { return f16 ? f16_to_f32(static_cast<u16>(r >> 16)) : from_bits(r & 0xffff0000u); }

// Publishes this lane's A and B registers, then computes this lane's 4 accumulators from all 32 lanes' operands.
template <int KDIM, class ElemA, class ElemB>
inline void warp_mma(float (&d)[4], const u32* a, int na, const u32* b, int nb, ElemA elem_a, ElemB elem_b)
{
    frg_emu::Warp& w = frg_emu::warp();
    const unsigned l = frg_emu::lane();
    for (int i = 0; i < na; ++i) w.a[l][i] = a[i];
    for (int i = 0; i < nb; ++i) w.b[l][i] = b[i];
    w.bar.arrive_and_wait();
    float A[16][KDIM], Bm[KDIM][8];
    for (int ln = 0; ln < 32; ++ln) {
        elem_a(A, ln, w.a[ln]);
        elem_b(Bm, ln, w.b[ln]);
    }
    const int gq = static_cast<int>(l) >> 2, tq = static_cast<int>(l) & 3;
    for (int v = 0; v < 4; ++v) {
        const int row = gq + 8 * (v >> 1), col = 2 * tq + (v & 1);
        double s = d[v];
        for (int k = 0; k < KDIM; ++k) s += static_cast<double>(A[row][k]) * Bm[k][col];
        d[v] = static_cast<float>(s);
    }
    w.bar.arrive_and_wait();
}

inline void mma_16bit(float (&d)[4], const u32 (&a)[4], const u32 (&b)[2], bool f16)
{
    warp_mma<16>(d, a, 4, b, 2,
        [f16](float (&A)[16][16], int ln, const u32* r) {
            const int gq = ln >> 2, tq = ln & 3;
            for (int i = 0; i < 4; ++i) {  // r0: (gq, 2tq) r1: (gq+8, 2tq) r2: (gq, 2tq+8) r3: (gq+8, 2tq+8)
                const int row = gq + 8 * (i & 1), col = 2 * tq + 8 * (i >> 1);
                A[row][col] = lo16(r[i], f16);
                A[row][col + 1] = hi16(r[i], f16);
            }
        },
        [f16](float (&Bm)[16][8], int ln, const u32* r) {
            const int gq = ln >> 2, tq = ln & 3;
            for (int i = 0; i < 2; ++i) {  // r0: (k = 2tq, n = gq) r1: (k = 2tq+8, n = gq)
                Bm[2 * tq + 8 * i][gq] = lo16(r[i], f16);
                Bm[2 * tq + 8 * i + 1][gq] = hi16(r[i], f16);
            }
        });
}
inline void mma_bf16_16816(float (&d)[4], const u32 (&a)[4], const u32 (&b)[2]) { mma_16bit(d, a, b, false); }
inline void mma_f16_16816(float (&d)[4], const u32 (&a)[4], const u32 (&b)[2]) { mma_16bit(d, a, b, true); }
inline void mma_tf32_1688(float (&d)[4], const u32 (&a)[4], const u32 (&b)[2])
{
    auto tf32 = [](u32 r) { return from_bits(r & 0xffffe000u); };  // the tensor core reads 10 mantissa bits
    warp_mma<8>(d, a, 4, b, 2,
        [&](float (&A)[16][8], int ln, const u32* r) {
            const int gq = ln >> 2, tq = ln & 3;  // a0 (gq, tq) a1 (gq+8, tq) a2 (gq, tq+4) a3 (gq+8, tq+4)
            A[gq][tq] = tf32(r[0]);
            A[gq + 8][tq] = tf32(r[1]);
            A[gq][tq + 4] = tf32(r[2]);
            A[gq + 8][tq + 4] = tf32(r[3]);
        },
        [&](float (&Bm)[8][8], int ln, const u32* r) {
            const int gq = ln >> 2, tq = ln & 3;  // b0 (k = tq, n = gq) b1 (k = tq+4, n = gq)
            Bm[tq][gq] = tf32(r[0]);
            Bm[tq + 4][gq] = tf32(r[1]);
        });
}

inline void ldmatrix_impl(u32 (&r)[4], const void* row, bool trans)
{
    frg_emu::Warp& w = frg_emu::warp();
    const unsigned l = frg_emu::lane();
    w.row[l] = static_cast<const unsigned char*>(row);
    w.bar.arrive_and_wait();
    for (int j = 0; j < 4; ++j) {
        if (!trans) {  // lane l gets row l/4, elements 2(l%4), 2(l%4)+1 of matrix j
            std::memcpy(&r[j], w.row[8 * j + l / 4] + 4 * (l % 4), 4);
        } else {       // transposed: elements (2(l%4), l/4) and (2(l%4)+1, l/4)
            u16 lo, hi;
            std::memcpy(&lo, w.row[8 * j + 2 * (l % 4)] + 2 * (l / 4), 2);
            std::memcpy(&hi, w.row[8 * j + 2 * (l % 4) + 1] + 2 * (l / 4), 2);
            r[j] = lo | (static_cast<u32>(hi) << 16);
        }
    }
    w.bar.arrive_and_wait();
}
inline void ldmatrix_x4(u32 (&r)[4], const void* row) { ldmatrix_impl(r, row, false); }
inline void ldmatrix_x4_trans(u32 (&r)[4], const void* row) { ldmatrix_impl(r, row, true); }

// ---- thread block clusters: rank in the top bits of an emulated shared::cluster address --------------------------------
inline u32 cluster_ctarank() { return frg_emu::tl_cta->rank; }
inline u32 mapa_cluster(u32 local, u32 rank)
{
    if (rank >= frg_emu::tl_cta->cluster->ctas.size()) frg_emu::fail("mapa: rank outside the cluster");
    return (rank << 24) | local;
}
inline unsigned char* cluster_ptr(u32 addr)
{
    frg_emu::Cta* c = frg_emu::tl_cta->cluster->ctas[addr >> 24];
    const u32 off = addr & 0xffffffu;
    if (off >= c->smem.size()) frg_emu::fail("DSMEM store outside the peer's shared memory");
    return c->smem.data() + off;
}
inline void st_cluster_v4(u32 addr, const uint4& v) { std::memcpy(cluster_ptr(addr), &v, 16); }
inline void st_cluster_v2(u32 addr, const uint2& v) { std::memcpy(cluster_ptr(addr), &v, 8); }
inline void st_cluster_u32(u32 addr, u32 v) { std::memcpy(cluster_ptr(addr), &v, 4); }
inline void st_cluster_f32(u32 addr, float v) { std::memcpy(cluster_ptr(addr), &v, 4); }
inline void cluster_arrive_release() { frg_emu::tl_cluster_token = frg_emu::tl_cta->cluster->bar->arrive(); }
inline void cluster_wait_acquire()
{
    frg_emu::tl_cta->cluster->bar->wait(std::move(*frg_emu::tl_cluster_token));
    frg_emu::tl_cluster_token.reset();
}

}  // namespace ptx
}  // namespace frg

#define FRG_DYNAMIC_SHARED(type, name) type* const name = reinterpret_cast<type*>(frg_emu::tl_cta->smem.data())

#endif  // FRG_PTX_CUH
