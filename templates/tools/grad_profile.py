#!/usr/bin/env python3
"""Times the weight-gradient GEMM (grad_gemm.cu: frg_grad_r, plus frg_grad_reduce when split) alone on the GPU, for
one head layout and dtype, once per --define set, so two tilings of the same shape compare in one process. The split
count follows the runtime's rule (GpuRecurrence.SplitCount: the fewest waves of CTAs per unit of work, over at most
two waves, at least 256 rows per split, chunks a multiple of 32 rows). Times are CUDA-event medians of warm launches;
the inputs are constant patterns (the GEMM's time does not depend on the values). Needs a GPU (gpu_backend.py).

Usage: python3 templates/tools/grad_profile.py [--cell lstm] [--dtype 1] [--batch 16] [--steps 1024] [--reps 20]
          --layout NHxDH [--variant "FRG_WIDE_GRAD_TILES=0"] [--variant "FRG_WIDE_GRAD_TILES=1"] ... [--splits N ...]
A variant is a comma-separated list of NAME=VALUE macros ("" = the templates' defaults). --splits N (repeatable) times
the GEMM split N ways instead of by the runtime's rule, to try the rule itself."""
import argparse
import ctypes
import os
import statistics
import sys
from array import array

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpu_backend  # noqa: E402
import step_profile  # noqa: E402  (the constant input patterns)
import test_cells  # noqa: E402

ATTR_SM_COUNT = 16  # CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT
SPLIT_ROW_MULTIPLE, MIN_ROWS_PER_SPLIT, MOST_CTAS_PER_SM, MOST_WAVES = 32, 256, 8, 2


def ceil_div(a, b):
    return (a + b - 1) // b


def split_count(rows, output_tiles, sms, ctas_per_sm):
    """The runtime's GpuRecurrence.SplitCount (the fewest waves of CTAs per unit of work over at most two waves, at
    least 256 rows a split, the fewest splits among equals), then its rounding of the chunk to whole 32-row groups."""
    slots, tiles = min(max(ctas_per_sm, 1), MOST_CTAS_PER_SM) * max(sms, 1), max(output_tiles, 1)
    most = min(max(1, rows // MIN_ROWS_PER_SPLIT), max(1, MOST_WAVES * slots // tiles))
    return row_splits(rows, min(range(1, most + 1), key=lambda s: (ceil_div(tiles * s, slots) / s, s)))


def row_splits(rows, splits):
    """The (splits, chunk) the GEMM takes for `splits`: chunks of whole 32-row groups, which can leave one fewer."""
    chunk = ceil_div(ceil_div(rows, splits), SPLIT_ROW_MULTIPLE) * SPLIT_ROW_MULTIPLE
    return ceil_div(rows, chunk), chunk


def event_ms(backend, launch, reps):
    cu = backend.cu
    start, stop = ctypes.c_void_p(), ctypes.c_void_p()
    backend._check(cu.cuEventCreate(ctypes.byref(start), 0), "cuEventCreate")
    backend._check(cu.cuEventCreate(ctypes.byref(stop), 0), "cuEventCreate")
    times = []
    for rep in range(reps + 3):
        backend._check(cu.cuEventRecord(start, None), "cuEventRecord")
        launch()
        backend._check(cu.cuEventRecord(stop, None), "cuEventRecord")
        backend._check(cu.cuEventSynchronize(stop), "cuEventSynchronize")
        ms = ctypes.c_float()
        backend._check(cu.cuEventElapsedTime(ctypes.byref(ms), start, stop), "cuEventElapsedTime")
        if rep >= 3:  # warm-up launches are not counted
            times.append(ms.value)
    cu.cuEventDestroy_v2(start)
    cu.cuEventDestroy_v2(stop)
    return statistics.median(times), min(times), max(times)


def profile(backend, cell, dtype, nh, dh, B, T, defines, reps, split_counts=(None,)):
    """Compiles and fills the inputs once, then times the GEMM once per entry of split_counts (None: the rule's)."""
    G = cell.gates
    macros = {"FRG_HEADS": nh, "FRG_HEAD_SIZE": dh, "FRG_DTYPE": dtype}
    macros.update(cell.macros())
    macros.update(defines)
    mod = backend.module("grad_gemm.cu", cell.cuda_source, macros)
    tile_m, tile_n, threads = backend.read_ints(mod, "frg_grad_r_launch", 3)
    reads_dwx = backend.read_ints(mod, "frg_grad_r_reads_dwx", 1)[0]
    # bytes of a dgate element: dWx in the storage dtype, or drec in the module's drec_t
    dgate_size = (4 if dtype == 0 else 2) if reads_dwx else backend.read_ints(mod, "frg_drec_bytes", 1)[0]
    gemm, reduce = backend.function(mod, "frg_grad_r"), backend.function(mod, "frg_grad_reduce")
    sms, per_sm = ctypes.c_int(), ctypes.c_int()
    backend._check(backend.cu.cuDeviceGetAttribute(ctypes.byref(sms), ATTR_SM_COUNT, 0), "cuDeviceGetAttribute")
    backend._check(backend.cu.cuOccupancyMaxActiveBlocksPerMultiprocessor(ctypes.byref(per_sm), gemm, threads, 0),
                   "cuOccupancyMaxActiveBlocksPerMultiprocessor")
    rows, HD = B * T, nh * dh
    col_tiles, row_tiles = ceil_div(G * dh, tile_n), ceil_div(dh, tile_m)
    rule_splits, rule_chunk = split_count(rows, nh * col_tiles * row_tiles, sms.value, per_sm.value)
    per_split = G * nh * dh * (dh + 1)
    states = backend.upload(step_profile.pattern(rows * HD, dtype, 0.5))
    initial = backend.upload(step_profile.pattern(B * HD, dtype, 0.5))
    dgate = backend.upload(step_profile.pattern(rows * G * HD, dtype if dgate_size == 2 else 0, 0.1))
    dR = backend.upload(array("f", bytes(4 * G * nh * dh * dh)))
    db = backend.upload(array("f", bytes(4 * G * HD)))
    name = ",".join("%s=%s" % kv for kv in sorted(defines.items())) or "defaults"
    for forced in split_counts:
        # --splits: this many instead of the runtime's rule, chunks rounded as the runtime rounds them
        splits, chunk = row_splits(rows, forced) if forced else (rule_splits, rule_chunk)
        partial = backend.upload(array("f", bytes(4 * splits * per_split))) if splits > 1 else None

        def launch():
            backend.launch(gemm, (col_tiles, row_tiles, nh * splits), threads, 0,
                           [states, initial, dgate, dR, db, B, T, chunk, partial])
            if splits > 1:
                backend.launch(reduce, (ceil_div(per_split, 256), 1, 1), 256, 0, [partial, splits, dR, db])

        median, low, high = event_ms(backend, launch, reps)
        how = "the rule's" if splits == rule_splits else "forced"
        print("%dx%d %s [%s]: %dx%d tiles, %d threads, %d CTAs/SM, %d splits of %d rows (%s); %.3f ms median "
              "(%.3f..%.3f), dgate %s %.0f MB" % (nh, dh, cell.name, name, tile_m, tile_n, threads, per_sm.value, splits,
                                                  chunk, how, median, low, high, "dWx" if reads_dwx else "drec",
                                                  rows * G * HD * dgate_size / 1e6))
        sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cell", default="lstm", choices=sorted(test_cells.CELLS))
    ap.add_argument("--dtype", type=int, default=1, help="0 float32, 1 bfloat16, 2 float16")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=1024)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--layout", action="append", required=True, help="NHxDH, e.g. 1x768 (repeatable)")
    ap.add_argument("--variant", action="append", default=None,
                    help='comma-separated NAME=VALUE macros, e.g. "FRG_WIDE_GRAD_TILES=0" (repeatable; "" = defaults)')
    ap.add_argument("--splits", type=int, action="append", default=None,
                    help="split the B*T rows this many ways instead of the runtime's rule (repeatable)")
    args = ap.parse_args()
    backend = gpu_backend.GpuBackend()
    cell = test_cells.CELLS[args.cell]
    for layout in args.layout:
        nh, dh = (int(v) for v in layout.lower().split("x"))
        for variant in args.variant or [""]:
            defines = {d.split("=")[0].strip(): int(d.split("=")[1]) for d in variant.split(",") if d.strip()}
            try:
                profile(backend, cell, args.dtype, nh, dh, args.batch, args.steps, defines, args.reps,
                        args.splits or [None])
            except Exception as e:  # one variant failing should not stop the others
                print("%s [%s]: failed: %s" % (layout, variant, str(e).splitlines()[0]))


if __name__ == "__main__":
    main()
