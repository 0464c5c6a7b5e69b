#!/usr/bin/env python3
"""Where a fused forward step's time goes: compiles fused_forward.cu with FRG_STEP_PROFILE=1 (frg_profile.cuh) for
each given plan, runs it on the GPU on constant-pattern inputs, and prints the cycles per step that the first and
last warp of CTA (0,0,0) spend in each phase of the step, next to the measured time per step and the SM clock those
imply. Needs a GPU (gpu_backend.py); the numbers are for performance work, not a correctness check.

Phases (marks in fused_forward.cu): mma = barrier to the product's issue; stage = requesting a later step's inputs;
gather = the product's results (waiting for the tensor cores), partial sums through shared memory when the plan has
a shared-memory epilogue, and the staged inputs; cell = the cell's math and the state stores; sync = waiting for the
step's inputs, the barrier and the exchange with the other CTAs of the head.

Usage: python3 templates/tools/step_profile.py [--cell lstm] [--dtype 1] [--batch 16] [--steps 1024]
          [--no-marks] [--ptx-dir DIR] --plan NH,DH,K,BT,W,RT,STAGES[,CLUSTER] [--plan ...]"""
import argparse
import ctypes
import os
import statistics
import struct
import sys
import time
from array import array

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpu_backend  # noqa: E402
import test_cells  # noqa: E402

PHASES = ["mma", "stage", "gather", "cell", "sync"]


def pattern(n, dtype, scale):
    """n storage values cycling through a fixed pseudo-random pattern (fast to build for 50M elements)."""
    base = [((i * 2654435761) % 1000) / 1000.0 * 2.0 - 1.0 for i in range(997)]
    vals = [v * scale for v in base]
    if dtype == 0:
        unit = array("f", vals)
    else:
        def bits(x):
            f = struct.unpack("<I", struct.pack("<f", x))[0]
            if dtype == 1:
                return (f + 0x7FFF + ((f >> 16) & 1)) >> 16
            return struct.unpack("<H", struct.pack("<e", x))[0]
        unit = array("H", [bits(v) for v in vals])
    out = unit * (n // len(unit) + 1)
    del out[n:]
    return out


def profile(backend, cell, dtype, B, T, spec, marks=True, ptx_dir=""):
    nh, dh, k, bt, w, rt, stages = spec[:7]
    cluster = spec[7] if len(spec) > 7 else int(k > 1)
    G, S = cell.gates, cell.states
    macros = {"FRG_HEADS": nh, "FRG_HEAD_SIZE": dh, "FRG_CTAS_PER_HEAD": k, "FRG_BATCH_TILE": bt, "FRG_WARPS": w,
              "FRG_R_REG_TILES": rt, "FRG_INPUT_STAGES": stages, "FRG_USE_CLUSTER": cluster, "FRG_STORE_GATES": 1,
              "FRG_DTYPE": dtype, "FRG_FAST_MATH": 1 if dtype != 0 else 0, "FRG_STEP_PROFILE": 1 if marks else 0}
    macros.update(cell.macros())
    name = "%dx%d K=%d BT=%d W=%d RT=%d S=%d%s" % (nh, dh, k, bt, w, rt, stages, " cluster" if cluster and k > 1 else "")
    ptx_file = os.path.join(ptx_dir, name.replace(" ", "_").replace("=", "") + ".ptx") if ptx_dir else ""
    mod = backend.module("fused_forward.cu", cell.cuda_source, macros, ptx_file)
    threads, smem, kk, btt, cl, coop, xbytes = backend.read_ints(mod, "frg_fused_forward_launch", 7)
    HD = nh * dh
    wx = backend.upload(pattern(B * T * G * HD, dtype, 1.0))
    r = backend.upload(pattern(G * nh * dh * dh, dtype, 1.0 / dh ** 0.5))
    bias = backend.upload(pattern(G * HD, dtype, 0.1))
    init = backend.upload(pattern(S * B * HD, dtype, 0.5))
    states = backend.upload(pattern(S * B * T * HD, dtype, 0.0))
    last = backend.upload(pattern(S * B * HD, dtype, 0.0))
    grid = (kk, (B + btt - 1) // btt, nh)
    exchange = backend.upload(array("f", [0.0]) * max(1, xbytes * grid[1] // 4))
    f = backend.function(mod, "frg_fused_forward")
    times = []
    for rep in range(8):
        counters = backend.upload(array("I", [0]) * (nh * grid[1]))
        start = time.perf_counter()
        backend.launch(f, grid, threads, smem, [wx, r, bias, init, states, last, None, exchange, counters, B, T],
                       cluster=cl, cooperative=bool(coop))
        backend.sync("frg_fused_forward")
        if rep >= 2:
            times.append(time.perf_counter() - start)
    us_per_step = statistics.median(times) * 1e6 / T
    if not marks:
        print("%s: %d threads, %d B smem, grid %s; %.3f us/step wall (no marks)" % (name, threads, smem, grid, us_per_step))
        return
    ptr, size = ctypes.c_uint64(), ctypes.c_size_t()
    backend._check(backend.cu.cuModuleGetGlobal_v2(ctypes.byref(ptr), ctypes.byref(size), mod, b"frg_step_profile"),
                   "cuModuleGetGlobal frg_step_profile")
    prof = (ctypes.c_ulonglong * 16)()
    backend._check(backend.cu.cuMemcpyDtoH_v2(ctypes.addressof(prof), ptr.value, 128), "cuMemcpyDtoH")
    rows = []
    for slot in range(2):
        steps = max(1, prof[slot * 8 + 7])
        per = [prof[slot * 8 + p] / steps for p in range(len(PHASES))]
        rows.append((["warp 0", "warp %d" % (w - 1)][slot], per, sum(per)))
    print("%s: %d threads, %d B smem, grid %s; %.3f us/step wall (median of 6 launches incl. launch overhead)" % (
        name, threads, smem, grid, us_per_step))
    for label, per, total in rows:
        print("  %-8s " % label + "  ".join("%s %6.0f" % (PHASES[i], c) for i, c in enumerate(per)) +
              "  | %6.0f cycles/step -> %.2f GHz implied" % (total, total / us_per_step / 1000.0))
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cell", default="lstm", choices=sorted(test_cells.CELLS))
    ap.add_argument("--dtype", type=int, default=1, help="0 float32, 1 bfloat16, 2 float16")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=1024)
    ap.add_argument("--plan", action="append", required=True, help="NH,DH,K,BT,W,RT,STAGES[,CLUSTER]")
    ap.add_argument("--no-marks", action="store_true",
                    help="compile without FRG_STEP_PROFILE (the production kernel, e.g. under ncu); prints only the time")
    ap.add_argument("--ptx-dir", default="", help="also write each plan's PTX into this folder (for ptxas/cuobjdump)")
    args = ap.parse_args()
    if args.ptx_dir:
        os.makedirs(args.ptx_dir, exist_ok=True)
    backend = gpu_backend.GpuBackend()
    cell = test_cells.CELLS[args.cell]
    for spec in args.plan:
        try:
            profile(backend, cell, args.dtype, args.batch, args.steps, [int(v) for v in spec.split(",")],
                    not args.no_marks, args.ptx_dir)
        except Exception as e:  # one plan failing (does not fit, ...) should not stop the others
            print("%s: failed: %s" % (spec, str(e).splitlines()[0]))


if __name__ == "__main__":
    main()
