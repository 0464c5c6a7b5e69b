#!/usr/bin/env python3
"""Runs every kernel family against a float64 reference (reference.py), for every dtype and a set of plans, and
prints one PASS/FAIL line per configuration with the normalised max error of every output
(max |kernel - reference| / max |reference|).

Backends: the GPU (default; NVRTC + CUDA driver API through ctypes, exactly the runtime's compile options and
launch kinds: cluster dimensions, cooperative launches), or --emulate: the CPU emulator in emu/ (g++, no GPU).
No package beyond the Python standard library is needed.

Every configuration runs in its own subprocess with a timeout, so a deadlocked barrier fails that configuration
instead of hanging the run; global-memory barriers are also compiled with FRG_SPIN_LIMIT, which traps.
Output buffers are filled with NaN before each launch, so an element a kernel forgets to write fails the check.

Usage: python3 templates/tools/check_on_gpu.py [--emulate] [--only REGEX] [--jobs N] [--timeout S] [--list]
Exit status 0 when every configuration passes."""
import argparse
import concurrent.futures
import json
import math
import os
import random
import re
import subprocess
import sys
import time
from array import array

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import frg_source  # noqa: E402
import reference  # noqa: E402
import test_cells  # noqa: E402

B, T_DEFAULT, NH = 3, 5, 2
GRAD_K_CHUNK = 32  # rows per frg_grad_r split: B*T > 32 exercises split-K and frg_grad_reduce
DTYPE_NAMES = {0: "f32", 1: "bf16", 2: "f16"}


def plan(dh, k, bt, warps, reg, cluster=0, store=1, stages=4, exchange_cluster=1):
    return {"FRG_HEAD_SIZE": dh, "FRG_HEADS": NH, "FRG_CTAS_PER_HEAD": k, "FRG_BATCH_TILE": bt, "FRG_WARPS": warps,
            "FRG_R_REG_TILES": reg, "FRG_USE_CLUSTER": cluster, "FRG_STORE_GATES": store, "FRG_INPUT_STAGES": stages,
            "FRG_EXCHANGE_CLUSTER": exchange_cluster}


# (name, cell, plan, with backward) -- the comment says which kernel paths the plan covers.
FUSED = [
    ("dh16_k1_bt8", "lstm", plan(16, 1, 8, 2, 2), True),                  # bwd: reduction split over 2 warps
    # 12 of 16 R tiles in shared memory; the shortest input ring (2 stages: with 4, float32's backward does not fit)
    ("dh64_k1", "lstm", plan(64, 1, 16, 4, 4, stages=2), True),
    ("dh64_k1_w16_recompute", "lstm", plan(64, 1, 8, 16, 2, store=0), True),  # split reductions; recomputed gates
    ("dh48_k1", "lstm", plan(48, 1, 16, 6, 3), True),                     # 3 k-tiles
    ("dh64_k4_cluster", "lstm", plan(64, 4, 16, 4, 2, cluster=1), True),  # DSMEM exchange, cluster barriers
    ("dh64_k4_grid", "lstm", plan(64, 4, 16, 4, 2, cluster=0), True),     # global exchange (tagged words); bwd: 2
                                                                          # lanes per line group, 2 sources each
    ("dh32_k2_grid_wk2", "lstm", plan(32, 2, 8, 4, 1), True),             # bwd: global, 2 reduction warps per CTA
    # polls that sleep; strong accesses relaxed at GPU scope
    ("dh64_k4_grid_sleep_gpu_scope", "lstm", dict(plan(64, 4, 16, 4, 2), FRG_POLL_SLEEP_NS=50, FRG_EXCHANGE_GPU_SCOPE=1), True),
    # FRG_EXCHANGE_CLUSTER: fwd polls shared by clusters of 2 (lines forwarded through DSMEM); bwd partial sums added
    # in clusters before L2 (DSMEM, then tagged lines); 2 reduction warps per CTA
    ("dh32_k4_grid_xc2_wk2", "lstm", plan(32, 4, 8, 4, 1, exchange_cluster=2), True),
    ("dh64_k8_grid_xc4_bt16", "lstm", plan(64, 8, 16, 4, 2, exchange_cluster=4), True),  # clusters of 4; bwd: 2 row
                                                                          # tiles, more reduction items than threads
    ("gru_dh64_k4_grid_xc2", "gru", plan(64, 4, 8, 3, 3, exchange_cluster=2), True),  # bwd: three gates, 3 warps
    ("dh64_k2_grid_bt32", "lstm", plan(64, 2, 32, 4, 2, stages=2), True),  # bwd: more line groups than threads (a
                                                                          # 2-stage ring: float32 fits a block)
    ("dh128_k4_grid", "lstm", plan(128, 4, 8, 4, 2), True),               # frg_grad_r in 128 x 128 tiles (16-bit)
    ("dh80_k4_grid_u20", "lstm", plan(80, 4, 8, 4, 1), True),             # bwd: 16 sources, 8 per lane (two polling
                                                                          # batches), idle lanes in the butterfly
    # FRG_POLL_ROTATE: each CTA polls its peers' slices from the next CTA's (cluster's) on; rows with 8 CTAs (several
    # lines a thread), the forward with clusters of 2 sharing the polls
    ("dh64_k8_grid_rows_rotate", "lstm", dict(plan(64, 8, 8, 4, 1), FRG_BACKWARD_ROWS=1, FRG_POLL_ROTATE=1), True),
    ("dh64_k8_grid_xc2_rotate", "lstm", dict(plan(64, 8, 8, 4, 1, exchange_cluster=2), FRG_POLL_ROTATE=1), False),
    # rows with the all-gather's polling shared in clusters (FRG_EXCHANGE_CLUSTER): pairs, and fours with rotation
    ("dh64_k8_grid_rows_xc2", "lstm", dict(plan(64, 8, 8, 4, 1, exchange_cluster=2), FRG_BACKWARD_ROWS=1), True),
    ("gru_dh64_k8_grid_rows_xc4_rotate", "gru", dict(plan(64, 8, 8, 3, 1, exchange_cluster=4), FRG_BACKWARD_ROWS=1,
                                                     FRG_POLL_ROTATE=1), True),
    # the backward split by rows of R (FRG_BACKWARD_ROWS): drec all-gathered through L2, reduction warps' sums in
    # shared memory (the forward is the usual one)
    ("dh64_k4_grid_rows", "lstm", dict(plan(64, 4, 16, 4, 2), FRG_BACKWARD_ROWS=1), True),  # 2 batch tiles, 2 warps each
    ("dh48_k4_grid_rows_u12", "lstm", dict(plan(48, 4, 8, 4, 1), FRG_BACKWARD_ROWS=1), True),  # padded M tile, 4 warps
    # rows with the inputs requested first thing in a step (FRG_BACKWARD_LATE_STAGING=0; the others request them late)
    ("dh64_k4_grid_rows_early", "lstm", dict(plan(64, 4, 16, 4, 2), FRG_BACKWARD_ROWS=1, FRG_BACKWARD_LATE_STAGING=0), True),
    ("dh48_k4_grid_rows_s2", "lstm", dict(plan(48, 4, 8, 4, 1, stages=2), FRG_BACKWARD_ROWS=1), True),  # 2-stage ring
    # FRG_ROWS_WARP_COLLECT: each warp polls only its own columns' lines (part lines at slice ends; GRU: warp ranges
    # of 64 columns cut 48-column slices and a line in two; 5 warps over 12 k-tiles leave one warp without columns)
    ("dh64_k4_grid_rows_warp", "lstm", dict(plan(64, 4, 16, 4, 2), FRG_BACKWARD_ROWS=1, FRG_ROWS_WARP_COLLECT=1), True),
    ("gru_dh64_k4_grid_rows_warp", "gru", dict(plan(64, 4, 8, 3, 3), FRG_BACKWARD_ROWS=1, FRG_ROWS_WARP_COLLECT=1), True),
    ("dh48_k4_grid_rows_warp_w5", "lstm", dict(plan(48, 4, 8, 5, 1), FRG_BACKWARD_ROWS=1, FRG_ROWS_WARP_COLLECT=1), True),
    ("gru_dh64_k4_grid_rows", "gru", dict(plan(64, 4, 8, 3, 3), FRG_BACKWARD_ROWS=1), True),  # three gates
    # U = 20: two M tiles (12 padding rows), rows of 80 drec columns end in part-empty lines
    ("dh80_k4_grid_rows_u20", "lstm", dict(plan(80, 4, 8, 4, 1), FRG_BACKWARD_ROWS=1), True),
    # the backward's product over a grid of row blocks x column blocks (FRG_BACKWARD_ROW_BLOCKS): partial sums
    # reduce-scattered in each row block, drec all-gathered in each column block, both through L2
    ("dh64_k4_grid_blocks2", "lstm", dict(plan(64, 4, 16, 4, 2), FRG_BACKWARD_ROW_BLOCKS=2), True),
    ("dh48_k4_grid_blocks2_u12", "lstm", dict(plan(48, 4, 8, 4, 1), FRG_BACKWARD_ROW_BLOCKS=2), True),  # padded M tile
    ("dh64_k8_grid_blocks4", "lstm", dict(plan(64, 8, 8, 4, 1), FRG_BACKWARD_ROW_BLOCKS=4), True),  # U = 8, 4 x 2
    ("dh64_k8_grid_blocks2_early", "lstm", dict(plan(64, 8, 8, 8, 1), FRG_BACKWARD_ROW_BLOCKS=2,
                                                FRG_BACKWARD_LATE_STAGING=0), True),  # 2 x 4, 8 warps
    ("gru_dh64_k4_grid_blocks2", "gru", dict(plan(64, 4, 8, 3, 3), FRG_BACKWARD_ROW_BLOCKS=2), True),  # three gates
    ("elman_dh32_k1", "elman", plan(32, 1, 8, 2, 2), True),               # one gate: two 8-unit groups per M tile
    ("gru_dh64_k2_cluster", "gru", plan(64, 2, 8, 4, 4, cluster=1), True),  # three gates, split reduction, cluster
    ("gru_dh48_k2_grid_fwd", "gru", plan(48, 2, 8, 3, 2), False),         # three gates, padded half tile (fwd only)
    ("dh32_k8_cluster_u4", "lstm", plan(32, 8, 8, 4, 1, cluster=1), True),  # U = 4: gate-major rows, 8-byte chunks,
                                                                          # idle reduction warps
    ("dh16_k4_grid_u4", "lstm", plan(16, 4, 8, 4, 1), True),              # U = 4 through global memory
    ("dh48_k1_w4_uneven", "lstm", plan(48, 1, 8, 4, 2), True),            # 3 k-tiles over 2 reduction warps
    ("dh64_k1_fast_tf32", "lstm", dict(plan(64, 1, 16, 4, 4, stages=2), FRG_FP32_FAST_MMA=1), True),  # float32 only
    # float32 only, single TF32 (RnnKernelOptions.Float32Products.Tf32): 8 registers per R tile, through L2
    ("dh64_k4_grid_fast_tf32", "lstm", dict(plan(64, 4, 8, 4, 4), FRG_FP32_FAST_MMA=1), True),
    ("gru_dh64_k2_grid_fast_tf32", "gru", dict(plan(64, 2, 8, 4, 2), FRG_FP32_FAST_MMA=1), True),  # R partly shared
    # single TF32 with the backward split by rows (float32 lines of 4 units in the all-gather)
    ("dh64_k4_grid_rows_fast_tf32", "lstm", dict(plan(64, 4, 8, 4, 2), FRG_BACKWARD_ROWS=1, FRG_FP32_FAST_MMA=1), True),
    # (name, cell, plan, backward, T, rows per frg_grad_r split): interior GEMM tiles walk cursors through several full
    # k-tiles (gemm::RunCursors), across batch rows; T < 32 wraps a cursor's t more than once per k-tile; a part k-tile
    # ends each. 64 x 64 tiles (DH 64), 128 x 128 (16-bit DH 128), float16's float32 drec staged as it is.
    ("dh64_k4_grid_t40_chunk96", "lstm", plan(64, 4, 16, 4, 2), True, 40, 96),
    ("dh128_k4_grid_t24_chunk96", "lstm", plan(128, 4, 8, 4, 2), True, 24, 96),
    ("gru_dh64_k4_grid_t40_chunk96", "gru", plan(64, 4, 8, 3, 3), True, 40, 96),
]
# (name, cell, head size, steps)
ALTERNATING = [("dh16", "lstm", 16, T_DEFAULT), ("dh20", "lstm", 20, T_DEFAULT), ("dh64", "lstm", 64, T_DEFAULT),
               ("gru_dh20", "gru", 20, T_DEFAULT), ("dh16_t24_splitk", "lstm", 16, 24)]


def all_configs():
    out = []
    for dtype in (1, 0, 2):
        for entry in FUSED:
            name, cell, p, bwd = entry[:4]
            T, chunk = entry[4:] if len(entry) > 4 else (T_DEFAULT, GRAD_K_CHUNK)
            if p.get("FRG_FP32_FAST_MMA") and dtype != 0:
                continue
            out.append({"name": "fused_%s_%s" % (name, DTYPE_NAMES[dtype]), "kind": "fused", "cell": cell,
                        "dtype": dtype, "plan": p, "backward": bwd, "T": T, "grad_chunk": chunk})
        for name, cell, dh, steps in ALTERNATING:
            out.append({"name": "alt_%s_%s" % (name, DTYPE_NAMES[dtype]), "kind": "alternating", "cell": cell,
                        "dtype": dtype, "plan": {"FRG_HEAD_SIZE": dh, "FRG_HEADS": NH}, "backward": True, "T": steps})
    return out


def tolerance(dtype, plan):
    """Largest normalised error accepted. The emulator measures about a sixth to a tenth of these for 16-bit dtypes
    (the rounding of inputs, MMA operands and stored states) and ~1e-7 for float32; index bugs give 0.1 and more."""
    if dtype == 0:  # the fused float32 kernels multiply in 3xTF32 unless FRG_FP32_FAST_MMA (single TF32)
        return 3e-3 if plan.get("FRG_FP32_FAST_MMA") else 1e-5
    return 1.5e-2 if dtype == 1 else 3e-3


# =====================================================================================================================
# One configuration (runs in a child process).
# =====================================================================================================================
def run_config(cfg, backend):
    dtype, cell, T = cfg["dtype"], test_cells.CELLS[cfg["cell"]], cfg["T"]
    p = cfg["plan"]
    DH, G, S = p["FRG_HEAD_SIZE"], cell.gates, cell.states
    HD, GHD = NH * DH, G * NH * DH
    macros = dict(p)
    macros.update(cell.macros())
    macros["FRG_DTYPE"] = dtype
    macros["FRG_FAST_MATH"] = frg_source.fast_math_level(dtype)  # the math the runtime compiles for this dtype
    macros["FRG_SPIN_LIMIT"] = 50000000

    # ---- inputs, rounded to the storage dtype; the reference sees the rounded values ---------------------------------
    rnd = random.Random(1234 + 17 * dtype + DH)
    shapes = {"Wx": (B * T * GHD, 1.0), "R": (G * NH * DH * DH, 1.0 / math.sqrt(DH)), "bias": (G * HD, 0.5),
              "initial": (S * B * HD, 0.5), "dStates": (S * B * T * HD, 1.0), "dLast": (S * B * HD, 1.0)}
    stored = {k: reference.to_storage([rnd.gauss(0, sd) for _ in range(n)], dtype) for k, (n, sd) in shapes.items()}
    x = {k: reference.from_storage(v, dtype) for k, v in stored.items()}
    ref = reference.run(cell, B, T, NH, DH, x["Wx"], x["R"], x["bias"], x["initial"], x["dStates"], x["dLast"])

    dev = {k: backend.upload(v) for k, v in stored.items()}

    def poisoned(n, f32=False):
        if f32 or dtype == 0:
            return backend.upload(array("f", [math.nan]) * n)
        return backend.upload(array("H", [reference.NAN_BITS[dtype]]) * n)

    fused = cfg["kind"] == "fused"
    tol = tolerance(dtype, p)
    errors, failed, notes = {}, [], []

    def compare(name, buf, f32=False):
        host = backend.download(buf)
        got = list(host) if (f32 or dtype == 0) else reference.from_storage(host, dtype)
        err, nans, worst = reference.normalized_max_error(got, ref[name])
        errors[name] = err
        if nans or not err <= tol:
            failed.append(name)
            notes.append("%s: %d NaN; worst flat index %d: got %r, want %r" % (name, nans, worst, got[worst],
                                                                              ref[name][worst]))

    def gemm_grid(n, m):
        return ((n + 63) // 64, (m + 63) // 64, NH)

    grad = backend.module("grad_gemm.cu", cell.cuda_source, macros)
    states, last = poisoned(S * B * T * HD), poisoned(S * B * HD)
    gates = poisoned(B * T * GHD, f32=True)

    if fused:
        fwd = backend.module("fused_forward.cu", cell.cuda_source, macros)
        threads, smem, k, bt, cluster, coop, xbytes = backend.read_ints(fwd, "frg_fused_forward_launch", 7)
        grid = (k, (B + bt - 1) // bt, NH)
        exchange = backend.upload(array("f", [math.nan]) * max(1, xbytes * grid[1] // 4))
        backend.launch(backend.function(fwd, "frg_fused_forward"), grid, threads, smem,
                       [dev["Wx"], dev["R"], dev["bias"], dev["initial"], states, last, gates, exchange, B, T],
                       cluster=cluster, cooperative=bool(coop))
        backend.sync("frg_fused_forward")
        notes.append("forward: %d threads, %d B smem, grid %s, cluster %d, cooperative %d, exchange %d B" % (
            threads, smem, grid, cluster, coop, xbytes * grid[1]))
        if not p["FRG_STORE_GATES"]:
            recompute = backend.module("recompute_gates.cu", cell.cuda_source, macros)
            backend.launch(backend.function(recompute, "frg_recompute_gates"), gemm_grid(G * DH, B * T), 128, 0,
                           [states, dev["initial"], dev["R"], dev["bias"], gates, B, T])
            backend.sync("frg_recompute_gates")
    else:
        alt = backend.module("alternating.cu", cell.cuda_source, macros)
        state_ws = poisoned(S * B * HD, f32=True)
        pw_grid = ((B * HD + 255) // 256, 1, 1)
        f_rec, f_pf = backend.function(alt, "frg_alt_rec_gemm"), backend.function(alt, "frg_alt_pointwise_forward")
        for t in range(T):
            backend.launch(f_rec, gemm_grid(G * DH, B), 128, 0,
                           [states, dev["initial"], dev["R"], dev["bias"], gates, B, T, t, T * GHD, GHD])
            backend.launch(f_pf, pw_grid, 256, 0, [dev["Wx"], gates, T * GHD, GHD, dev["initial"], state_ws, states,
                                                   last, B, T, t])
        backend.sync("alternating forward")
    compare("states", states)
    compare("last", last)
    compare("gates", gates, f32=True)

    if cfg["backward"]:
        dwx, dinit = poisoned(B * T * GHD), poisoned(S * B * HD)
        # drec in its module's element type (frg_drec_bytes: bfloat16 in bfloat16 plans, else float32)
        drec_f32 = backend.read_ints(grad, "frg_drec_bytes", 1)[0] == 4
        drec = poisoned(B * T * GHD, f32=drec_f32)
        dR, db = poisoned(G * NH * DH * DH, f32=True), poisoned(G * HD, f32=True)
        if fused:
            bwd = backend.module("fused_backward.cu", cell.cuda_source, macros)
            threads, smem, k, bt, cluster, coop, xbytes = backend.read_ints(bwd, "frg_fused_backward_launch", 7)
            grid = (k, (B + bt - 1) // bt, NH)
            exchange = backend.upload(array("f", [math.nan]) * max(1, xbytes * grid[1] // 4))
            backend.launch(backend.function(bwd, "frg_fused_backward"), grid, threads, smem,
                           [dev["Wx"], dev["R"], dev["initial"], states, gates, dev["dStates"], dev["dLast"], dwx,
                            drec, dinit, exchange, B, T], cluster=cluster, cooperative=bool(coop))
            backend.sync("frg_fused_backward")
            notes.append("backward: %d threads, %d B smem, cluster %d, cooperative %d, exchange %d B" % (
                threads, smem, cluster, coop, xbytes * grid[1]))
        else:
            ds_carry, ds_rec = poisoned(S * B * HD, f32=True), poisoned(B * HD, f32=True)
            f_pb, f_ds = backend.function(alt, "frg_alt_pointwise_backward"), backend.function(alt, "frg_alt_ds_gemm")
            for t in range(T - 1, -1, -1):
                backend.launch(f_pb, pw_grid, 256, 0,
                               [dev["Wx"], gates, T * GHD, GHD, dev["initial"], states, dev["dStates"], dev["dLast"],
                                ds_carry, ds_rec, dwx, drec, B, T, t])
                backend.launch(f_ds, gemm_grid(DH, B), 128, 0, [drec, dev["R"], ds_rec, B, T, t])
            backend.launch(backend.function(alt, "frg_alt_backward_finalize"), pw_grid, 256, 0,
                           [ds_carry, ds_rec, dinit, B])
            backend.sync("alternating backward")
        chunk = cfg.get("grad_chunk", GRAD_K_CHUNK)
        splits = (B * T + chunk - 1) // chunk
        partial = poisoned(splits * G * NH * DH * (DH + 1), f32=True) if splits > 1 else None
        # frg_grad_r's C tile and threads (64 x 64 and 128, or 128 x 128 and 256 for 16-bit DH >= 128)
        tile_m, tile_n, grad_threads = backend.read_ints(grad, "frg_grad_r_launch", 3)
        gx, gy = (G * DH + tile_n - 1) // tile_n, (DH + tile_m - 1) // tile_m
        if tile_m != 64:
            notes.append("frg_grad_r: %d x %d tiles" % (tile_m, tile_n))
        # Summed gates (bfloat16, float32): the weight gradients read dWx, and the fused backward writes no drec.
        reads_dwx = backend.read_ints(grad, "frg_grad_r_reads_dwx", 1)[0]
        backend.launch(backend.function(grad, "frg_grad_r"), (gx, gy, NH * splits), grad_threads, 0,
                       [states, dev["initial"], dwx if reads_dwx else drec, dR, db, B, T, chunk, partial])
        if reads_dwx:
            notes.append("frg_grad_r reads dWx")
        if splits > 1:
            n = G * NH * DH * (DH + 1)
            backend.launch(backend.function(grad, "frg_grad_reduce"), ((n + 255) // 256, 1, 1), 256, 0,
                           [partial, splits, dR, db])
            notes.append("frg_grad_r: %d splits + frg_grad_reduce" % splits)
        backend.sync("frg_grad_r")
        compare("dWx", dwx)
        if not (fused and reads_dwx):
            compare("drec", drec, f32=drec_f32)
        compare("dInitial", dinit)
        compare("dR", dR, f32=True)
        compare("dbias", db, f32=True)
    return {"errors": errors, "failed": failed, "notes": notes, "tol": tol}


def make_backend(emulate):
    if emulate:
        from emu_backend import EmuBackend
        return EmuBackend()
    from gpu_backend import GpuBackend
    return GpuBackend()


# =====================================================================================================================
# Parent: every configuration in a subprocess, several at once.
# =====================================================================================================================
def run_child(cfg, args):
    start = time.time()
    cmd = [sys.executable, os.path.abspath(__file__), "--child", json.dumps(cfg)] + (["--emulate"] if args.emulate else [])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return cfg, {"status": "TIMEOUT", "detail": "no result after %d s (deadlock?)" % args.timeout}, time.time() - start
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            res = json.loads(line[7:])
            res["status"] = "FAIL" if res["failed"] else "PASS"
            return cfg, res, time.time() - start
    tail = (proc.stdout + proc.stderr).strip().splitlines()[-30:]
    return cfg, {"status": "ERROR", "detail": "\n".join(tail)}, time.time() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--emulate", action="store_true", help="run on the CPU emulator instead of the GPU")
    ap.add_argument("--only", default="", help="only configurations whose name matches this regular expression "
                    "(re.search: plain text selects names that contain it)")
    ap.add_argument("--jobs", type=int, default=8, help="configurations run at once")
    ap.add_argument("--timeout", type=int, default=90, help="seconds per configuration")
    ap.add_argument("--list", action="store_true", help="list the configurations and exit")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print("RESULT " + json.dumps(run_config(json.loads(args.child), make_backend(args.emulate))), flush=True)
        return 0
    configs = [c for c in all_configs() if re.search(args.only, c["name"])]
    if args.list:
        for c in configs:
            print(c["name"], json.dumps(c["plan"]))
        return 0
    for cell in test_cells.CELLS.values():  # the reference's own backward, against central differences
        err = test_cells.check_backward(cell)
        if err > 1e-6:
            print("reference cell %s: backward disagrees with finite differences (%.1e)" % (cell.name, err))
            return 1
    start = time.time()
    bad = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for fut in concurrent.futures.as_completed([pool.submit(run_child, c, args) for c in configs]):
            cfg, res, secs = fut.result()
            status = res["status"]
            bad += status != "PASS"
            if "errors" in res:
                errs = " ".join("%s=%.1e" % (k, v) for k, v in res["errors"].items())
                print("%-5s %-34s tol=%.1e %s (%.0f s)" % (status, cfg["name"], res["tol"], errs, secs), flush=True)
                for note in res["notes"]:
                    if status != "PASS" or not note.startswith(("forward:", "backward:")):
                        print("        " + note)
            else:
                print("%-5s %-34s (%.0f s)\n        %s" % (status, cfg["name"], secs,
                                                          res["detail"].replace("\n", "\n        ")), flush=True)
    print("%d configurations, %d not passing, %.0f s" % (len(configs), bad, time.time() - start))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
