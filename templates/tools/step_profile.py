#!/usr/bin/env python3
"""Where a fused kernel's time step goes: compiles fused_forward.cu (or fused_backward.cu) with FRG_STEP_PROFILE=1
(frg_profile.cuh) for each given plan, runs it on the GPU on constant-pattern inputs, and prints the cycles per step
that the first and last warp of CTA (0,0,0) spend in each phase of the step, next to the measured time per step and
the SM clock those imply. Needs a GPU (gpu_backend.py); the numbers are for performance work, not a correctness check.

Forward phases (marks in fused_forward.cu): mma = barrier to the product's issue; stage = requesting a later
step's inputs; gather = the product's results (waiting for the tensor cores), partial sums through shared memory
when the plan has a shared-memory epilogue, and the staged inputs; cell = the cell's math and the state stores;
sync = waiting for the step's inputs, the barrier and the exchange with the other CTAs of the head.

Backward phases (--direction backward, marks in fused_backward.cu): stage = requesting a later step's inputs; mma =
the product's issue; exchange = the partial sums to their owners and the barrier after them (nothing when one warp
holds a whole reduction); cell = partial sums, staged inputs, the cell's backward and its stores; sync = waiting for
the next step's inputs and the barrier.

--cell-source FILE profiles a generated cell (the text of a generated `Cuda.CellFunctions`, which #defines
FRG_GATES and FRG_STATES) instead of one of test_cells.py's.

Usage: python3 templates/tools/step_profile.py [--cell lstm | --cell-source FILE] [--direction forward|backward]
          [--training] [--dtype 1] [--fast-math 0|1|2] [--batch 16] [--steps 1024] [--no-marks] [--ptx-dir DIR]
          [--define NAME=VALUE ...]
          --plan NH,DH,K,BT,W,RT,STAGES[,CLUSTER[,EXCHANGE_CLUSTER]] [--plan ...]   (CLUSTER defaults to 1 for 1 < K <= 16,
          else 0; EXCHANGE_CLUSTER (FRG_EXCHANGE_CLUSTER) to 1)"""
import argparse
import ctypes
import os
import re
import statistics
import struct
import sys
import time
from array import array

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frg_source  # noqa: E402
import gpu_backend  # noqa: E402
import test_cells  # noqa: E402

PHASES = {"forward": ["mma", "stage", "gather", "cell", "sync"],
          "backward": ["stage", "mma", "exchange", "cell", "sync"]}


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


class GeneratedCell(test_cells.Cell):
    def macros(self):
        return {}  # the generated text #defines the cell's sizes itself


def load_cell_source(path):
    """A test_cells.Cell for a generated cell's CUDA text; only its gate and state counts and source are used here."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    defines = dict(re.findall(r"^\s*#define\s+(FRG_[A-Z_]+)\s+(\d+)\s*$", text, re.M))
    for key in ("FRG_GATES", "FRG_STATES", "FRG_REC_STATE"):
        if key not in defines:
            raise SystemExit("%s: no '#define %s N' (is it a generated cell's CellFunctions text?)" % (path, key))
    return GeneratedCell(os.path.basename(path), int(defines["FRG_GATES"]), int(defines["FRG_STATES"]),
                         int(defines["FRG_REC_STATE"]), text, None, None, defines.get("FRG_GATES_SUMMED") == "1")


def profile(backend, cell, dtype, B, T, spec, marks=True, ptx_dir="", direction="forward", training=False, fast_math=None,
            defines=None):
    nh, dh, k, bt, w, rt, stages = spec[:7]
    cluster = spec[7] if len(spec) > 7 else int(1 < k <= 16)  # a cluster holds at most 16 CTAs; beyond, L2
    exchange_cluster = spec[8] if len(spec) > 8 else 1
    G, S = cell.gates, cell.states
    macros = {"FRG_HEADS": nh, "FRG_HEAD_SIZE": dh, "FRG_CTAS_PER_HEAD": k, "FRG_BATCH_TILE": bt, "FRG_WARPS": w,
              "FRG_R_REG_TILES": rt, "FRG_INPUT_STAGES": stages, "FRG_USE_CLUSTER": cluster, "FRG_STORE_GATES": 1,
              "FRG_EXCHANGE_CLUSTER": exchange_cluster,
              "FRG_DTYPE": dtype,
              "FRG_FAST_MATH": frg_source.fast_math_level(dtype) if fast_math is None else fast_math, "FRG_STEP_PROFILE": 1 if marks else 0}
    macros.update(cell.macros())
    macros.update(defines or {})
    name = "%dx%d K=%d BT=%d W=%d RT=%d S=%d%s" % (nh, dh, k, bt, w, rt, stages, " cluster" if cluster and k > 1 else "")
    if exchange_cluster > 1:
        name += " exchange-cluster=%d" % exchange_cluster
    name = direction[:2] + (" training" if training and direction == "forward" else "") + " " + name
    if fast_math is not None:
        name += " fast-math=%d" % fast_math
    for key, value in sorted((defines or {}).items()):
        name += " %s=%d" % (key, value)
    ptx_file = os.path.join(ptx_dir, name.replace(" ", "_").replace("=", "") + ".ptx") if ptx_dir else ""
    kernel = "frg_fused_" + direction
    mod = backend.module("fused_%s.cu" % direction, cell.cuda_source, macros, ptx_file)
    threads, smem, kk, btt, cl, coop, xbytes = backend.read_ints(mod, kernel + "_launch", 7)
    HD = nh * dh
    wx = backend.upload(pattern(B * T * G * HD, dtype, 1.0))
    r = backend.upload(pattern(G * nh * dh * dh, dtype, 1.0 / dh ** 0.5))
    init = backend.upload(pattern(S * B * HD, dtype, 0.5))
    states = backend.upload(pattern(S * B * T * HD, dtype, 0.5))
    last = backend.upload(pattern(S * B * HD, dtype, 0.0))
    if direction == "forward":
        bias = backend.upload(pattern(G * HD, dtype, 0.1))
        gates = backend.upload(pattern(B * T * G * HD, 0, 0.0)) if training else None
        args = [wx, r, bias, init, states, last, gates]
    else:  # the forward's gates (float32), dStates, dLast; outputs dWx, drec (float32-sized: fits drec_t), dInitial
        gates = backend.upload(pattern(B * T * G * HD, 0, 1.0))
        dstates = backend.upload(pattern(S * B * T * HD, dtype, 0.1))
        dwx = backend.upload(pattern(B * T * G * HD, dtype, 0.0))
        drec = backend.upload(pattern(B * T * G * HD, 0, 0.0))
        args = [wx, r, init, states, gates, dstates, last, dwx, drec, last]
    grid = (kk, (B + btt - 1) // btt, nh)
    f = backend.function(mod, kernel)
    if cl > 1 and hasattr(backend, "max_active_clusters"):
        print("%s: clusters of %d, at most %d resident (the grid has %d)" % (
            name, cl, backend.max_active_clusters(f, grid, threads, smem, cl), grid[0] * grid[1] * grid[2] // cl))
    times = []
    for rep in range(8):
        # zeroed for every launch: the tagged exchanges must find no tag of this launch in their words
        exchange = backend.upload(array("f", [0.0]) * max(1, xbytes * grid[1] // 4))
        start = time.perf_counter()
        backend.launch(f, grid, threads, smem, args + [exchange, B, T], cluster=cl, cooperative=bool(coop))
        backend.sync(kernel)
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
        per = [prof[slot * 8 + p] / steps for p in range(len(PHASES[direction]))]
        rows.append((["warp 0", "warp %d" % (w - 1)][slot], per, sum(per)))
    print("%s: %d threads, %d B smem, grid %s; %.3f us/step wall (median of 6 launches incl. launch overhead)" % (
        name, threads, smem, grid, us_per_step))
    for label, per, total in rows:
        print("  %-8s " % label + "  ".join("%s %6.0f" % (PHASES[direction][i], c) for i, c in enumerate(per)) +
              "  | %6.0f cycles/step -> %.2f GHz implied" % (total, total / us_per_step / 1000.0))
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cell", default="lstm", choices=sorted(test_cells.CELLS))
    ap.add_argument("--cell-source", default="", help="a generated cell's CUDA text (instead of --cell)")
    ap.add_argument("--direction", default="forward", choices=["forward", "backward"])
    ap.add_argument("--dtype", type=int, default=1, help="0 float32, 1 bfloat16, 2 float16")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=1024)
    ap.add_argument("--plan", action="append", required=True, help="NH,DH,K,BT,W,RT,STAGES[,CLUSTER[,EXCHANGE_CLUSTER]]")
    ap.add_argument("--no-marks", action="store_true",
                    help="compile without FRG_STEP_PROFILE (the production kernel, e.g. under ncu); prints only the time")
    ap.add_argument("--training", action="store_true",
                    help="forward: also store the gates for a backward (a training forward), as fused_forward does when given them")
    ap.add_argument("--fast-math", type=int, choices=[0, 1, 2], default=None,
                    help="FRG_FAST_MATH (default: 1 for 16-bit dtypes, 2 for float32, as the runtime compiles them)")
    ap.add_argument("--define", action="append", default=[], metavar="NAME=VALUE",
                    help="another template macro for every plan, e.g. FRG_POLL_SLEEP_NS=100 (repeatable)")
    ap.add_argument("--ptx-dir", default="", help="also write each plan's PTX into this folder (for ptxas/cuobjdump)")
    args = ap.parse_args()
    if args.ptx_dir:
        os.makedirs(args.ptx_dir, exist_ok=True)
    backend = gpu_backend.GpuBackend()
    cell = load_cell_source(args.cell_source) if args.cell_source else test_cells.CELLS[args.cell]
    for spec in args.plan:
        try:
            profile(backend, cell, args.dtype, args.batch, args.steps, [int(v) for v in spec.split(",")],
                    not args.no_marks, args.ptx_dir, args.direction, args.training, args.fast_math,
                    {d.split("=")[0]: int(d.split("=")[1]) for d in args.define})
        except Exception as e:  # one plan failing (does not fit, ...) should not stop the others
            print("%s: failed: %s" % (spec, str(e).splitlines()[0]))


if __name__ == "__main__":
    main()
