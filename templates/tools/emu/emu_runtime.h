// emu_runtime.h - a CPU emulation of the parts of the CUDA execution model the FlashRnn.Gen templates use, so the
// kernels can run (slowly) on a machine without a GPU: every CUDA thread is an OS thread; __syncthreads, warp-level
// MMA/ldmatrix, cluster barriers and distributed shared memory are emulated with std::barrier and shared buffers;
// global memory is host memory. Used by tools/emu_backend.py (check_on_gpu.py --emulate); not part of any kernel.
//
// What it checks: all index arithmetic, fragment layouts (as the PTX ISA documents them), shared-memory layouts,
// masking, barrier placement between phases (a missing barrier shows up as a race only by luck, so this is no race
// detector), and the numerics up to float32 rounding. What it cannot check: timing, register/shared-memory limits,
// PTX syntax (nvrtc_check.py does that) and the real hardware's memory model.
#pragma once
#include <math.h>
#include <atomic>
#include <barrier>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};
struct uint4 {
    unsigned x, y, z, w;
};
struct uint2 {
    unsigned x, y;
};
struct ulonglong2 {
    unsigned long long x, y;
};
struct float2 {
    float x, y;
};
struct float4 {
    float x, y, z, w;
};
inline uint4 make_uint4(unsigned x, unsigned y, unsigned z, unsigned w) { return {x, y, z, w}; }
inline uint2 make_uint2(unsigned x, unsigned y) { return {x, y}; }
inline float2 make_float2(float x, float y) { return {x, y}; }
inline float4 make_float4(float x, float y, float z, float w) { return {x, y, z, w}; }

namespace frg_emu {

// The per-warp scratch the warp-synchronous instructions exchange their operands through.
struct Warp {
    std::barrier<> bar{32};
    unsigned a[32][4];
    unsigned b[32][2];
    const unsigned char* row[32];
};

struct Cluster;
struct Cta {
    std::unique_ptr<std::barrier<>> bar;
    std::vector<std::unique_ptr<Warp>> warps;
    std::vector<unsigned char> smem;
    unsigned rank = 0;
    Cluster* cluster = nullptr;
};
struct Cluster {
    std::unique_ptr<std::barrier<>> bar;
    std::vector<Cta*> ctas;
};

inline thread_local dim3 tl_thread, tl_block;
inline thread_local Cta* tl_cta = nullptr;
inline thread_local std::optional<std::barrier<>::arrival_token> tl_cluster_token;
inline dim3 g_grid, g_block;

inline Warp& warp() { return *tl_cta->warps[tl_thread.x / 32]; }
inline unsigned lane() { return tl_thread.x % 32; }

[[noreturn]] inline void fail(const char* what)
{
    std::fprintf(stderr, "emulated kernel: %s (block %u,%u,%u thread %u)\n", what, tl_block.x, tl_block.y, tl_block.z,
        tl_thread.x);
    std::fflush(stderr);
    std::abort();
}

// Runs `body` for every thread of the grid. `concurrent`: all CTAs at once (cluster or cooperative launches, whose
// CTAs wait on each other); otherwise one CTA after another.
inline void launch(const std::function<void()>& body, dim3 grid, dim3 block, unsigned smem_bytes, unsigned cluster_x,
    bool concurrent)
{
    g_grid = grid;
    g_block = block;
    const unsigned threads = block.x * block.y * block.z;
    if (threads % 32 != 0) fail("block size must be a multiple of 32 in the emulator");
    const unsigned nctas = grid.x * grid.y * grid.z;
    if (cluster_x < 1 || grid.x % cluster_x != 0) fail("grid.x must be a multiple of the cluster size");
    std::vector<std::unique_ptr<Cta>> ctas(nctas);
    std::vector<std::unique_ptr<Cluster>> clusters;
    for (unsigned c = 0; c < nctas; ++c) {
        ctas[c] = std::make_unique<Cta>();
        ctas[c]->bar = std::make_unique<std::barrier<>>(threads);
        for (unsigned w = 0; w < threads / 32; ++w) ctas[c]->warps.push_back(std::make_unique<Warp>());
        ctas[c]->smem.assign(smem_bytes, 0xFF);  // all-ones bytes: NaN floats, so reading unwritten smem shows
        ctas[c]->rank = (c % grid.x) % cluster_x;
    }
    for (unsigned c = 0; c < nctas; c += cluster_x) {  // CTAs of a cluster are consecutive in x
        clusters.push_back(std::make_unique<Cluster>());
        clusters.back()->bar = std::make_unique<std::barrier<>>(threads * cluster_x);
        for (unsigned r = 0; r < cluster_x; ++r) {
            clusters.back()->ctas.push_back(ctas[c + r].get());
            ctas[c + r]->cluster = clusters.back().get();
        }
    }
    auto run_ctas = [&](unsigned first, unsigned count) {
        std::vector<std::thread> pool;
        for (unsigned c = first; c < first + count; ++c)
            for (unsigned t = 0; t < threads; ++t)
                pool.emplace_back([&, c, t] {
                    tl_cta = ctas[c].get();
                    tl_thread = {t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
                    tl_block = {c % grid.x, (c / grid.x) % grid.y, c / (grid.x * grid.y)};
                    body();
                });
        for (auto& th : pool) th.join();
    };
    if (concurrent)
        run_ctas(0, nctas);
    else
        for (unsigned c = 0; c < nctas; ++c) run_ctas(c, 1);
}

}  // namespace frg_emu

// ---- the CUDA spellings the templates use ------------------------------------------------------------------------
#define threadIdx (frg_emu::tl_thread)
#define blockIdx (frg_emu::tl_block)
#define blockDim (frg_emu::g_block)
#define gridDim (frg_emu::g_grid)
#define FRG_EMULATED 1  // frg_math.cuh: library functions instead of the MUFU approximations' inline PTX
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
#define __constant__
#define __align__(n) alignas(n)

inline float __expf(float x) { return expf(x); }
inline float __logf(float x) { return logf(x); }
inline void __syncthreads() { frg_emu::tl_cta->bar->arrive_and_wait(); }
inline float __uint_as_float(unsigned u)
{
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}
inline unsigned __float_as_uint(float f)
{
    unsigned u;
    std::memcpy(&u, &f, 4);
    return u;
}
