#!/usr/bin/env python3
"""Compiles every kernel template with NVRTC for every dtype and a set of plans, the way the runtime will
(--gpu-architecture=compute_90 --std=c++17 -default-device plus the plan's -D options), and fails on any error
or warning. With --sass it also builds sm_90 machine code through NVRTC's ptxas and prints registers, spills and
shared memory per kernel (NVRTC 11.8 here; the GPU machine has 13.0, whose ptxas may differ).

Usage: python3 templates/tools/nvrtc_check.py [--sass] [--filter SUBSTRING] [--lib PATH]
Exit status: 0 when everything compiled cleanly, 1 otherwise."""
import argparse
import ctypes
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frg_source  # noqa: E402
import test_cells  # noqa: E402

NVRTC_CANDIDATES = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "/lib/x86_64-linux-gnu/libnvrtc.so.11.2"]
BASE_OPTIONS = ["--gpu-architecture=compute_90", "--std=c++17", "-default-device"]

def plan(dh, heads, k, bt, warps, reg, cluster=0, store=1):
    return {"FRG_HEAD_SIZE": dh, "FRG_HEADS": heads, "FRG_CTAS_PER_HEAD": k, "FRG_BATCH_TILE": bt,
            "FRG_WARPS": warps, "FRG_R_REG_TILES": reg, "FRG_USE_CLUSTER": cluster, "FRG_STORE_GATES": store}


# Plans for the fused kernels: the common shapes, and shapes GPU run 1 showed a planner choosing (U % 8 != 0, uneven
# reduction splits). Register tiles are chosen to fit the 255 / 128 register caps for 16-bit dtypes.
FUSED_PLANS = [
    ("dh16_k1", plan(16, 48, 1, 16, 4, 2)),
    ("dh48_k1", plan(48, 16, 1, 16, 6, 6)),
    ("dh64_k1", plan(64, 12, 1, 16, 8, 8)),
    ("dh64_k1_w16_bt8", plan(64, 12, 1, 8, 16, 4, store=0)),
    ("dh64_k4_grid", plan(64, 2, 4, 16, 4, 4)),
    ("dh256_k2_cluster", plan(256, 3, 2, 16, 8, 16)),
    ("dh768_k8_cluster", plan(768, 1, 8, 16, 8, 16)),
    ("dh768_k16_cluster", plan(768, 1, 16, 16, 16, 8)),
    ("dh768_k12_grid", plan(768, 1, 12, 16, 8, 16)),
    ("dh768_k64_grid_u12", plan(768, 1, 64, 16, 8, 4)),
    ("dh768_k64_grid_bt8_w12", plan(768, 1, 64, 8, 12, 12)),  # LSTM bf16 1x768: the H100 plan of both directions
    ("dh768_k64_grid_bt8_w16", plan(768, 1, 64, 8, 16, 9)),   # 16 warps: the backward spilled before REGS counted +28
    # the exchange through L2 shared by clusters of 2 and 4 CTAs (FRG_EXCHANGE_CLUSTER)
    ("dh768_k64_grid_bt8_w12_xc2", dict(plan(768, 1, 64, 8, 12, 12), FRG_EXCHANGE_CLUSTER=2)),
    ("dh768_k64_grid_bt8_w12_xc4", dict(plan(768, 1, 64, 8, 12, 12), FRG_EXCHANGE_CLUSTER=4)),
    # polling that sleeps between rounds that found nothing (FRG_POLL_SLEEP_NS)
    ("dh768_k64_grid_bt8_w12_sleep", dict(plan(768, 1, 64, 8, 12, 12), FRG_POLL_SLEEP_NS=200)),
    # the exchanges' strong accesses relaxed at GPU scope (FRG_EXCHANGE_GPU_SCOPE)
    ("dh768_k64_grid_bt8_w12_gpu_scope", dict(plan(768, 1, 64, 8, 12, 12), FRG_EXCHANGE_GPU_SCOPE=1)),
    # the backward split by rows of R (FRG_BACKWARD_ROWS; the forward ignores it): 1x768 with 12 units per CTA (the
    # last M tile padded), 16 units with batch tile 16, and a small plan with 2 reduction warps
    ("dh768_k64_grid_bt8_w12_rows", dict(plan(768, 1, 64, 8, 12, 16), FRG_BACKWARD_ROWS=1)),
    ("dh768_k48_grid_bt16_w12_rows", dict(plan(768, 1, 48, 16, 12, 16), FRG_BACKWARD_ROWS=1)),
    ("dh64_k4_grid_rows", dict(plan(64, 2, 4, 16, 4, 4), FRG_BACKWARD_ROWS=1)),
    ("dh64_k16_grid_u4", plan(64, 2, 16, 8, 4, 1)),
    ("dh16_k1_w8_uneven", plan(16, 48, 1, 8, 8, 1)),
    # float32 only, single TF32 products (8 registers per R tile): the H100 plans of LSTM 1x768 forward and backward
    ("dh768_k64_grid_bt8_w12_tf32", dict(plan(768, 1, 64, 8, 12, 12), FRG_FP32_FAST_MMA=1)),
    ("dh768_k64_grid_bt8_w8_tf32", dict(plan(768, 1, 64, 8, 8, 16), FRG_FP32_FAST_MMA=1)),
]
# Shapes for the non-fused kernels (no tiling macros), including head sizes that are not multiples of 8 or 16.
GEMM_PLANS = [
    ("dh16", {"FRG_HEAD_SIZE": 16, "FRG_HEADS": 48}),
    ("dh20", {"FRG_HEAD_SIZE": 20, "FRG_HEADS": 3}),
    ("dh48", {"FRG_HEAD_SIZE": 48, "FRG_HEADS": 16}),
    ("dh64", {"FRG_HEAD_SIZE": 64, "FRG_HEADS": 12}),
    ("dh256", {"FRG_HEAD_SIZE": 256, "FRG_HEADS": 3}),
    ("dh768", {"FRG_HEAD_SIZE": 768, "FRG_HEADS": 1}),
    ("dh2560", {"FRG_HEAD_SIZE": 2560, "FRG_HEADS": 1}),
]
CELLS = [(c.name, c.cuda_source, c.macros()) for c in (test_cells.LSTM, test_cells.ELMAN, test_cells.GRU)]


def load_nvrtc(explicit):
    for name in ([explicit] if explicit else NVRTC_CANDIDATES):
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    sys.exit("nvrtc_check: cannot load NVRTC (tried %s)" % ", ".join(NVRTC_CANDIDATES))


class Nvrtc:
    def __init__(self, lib):
        self.lib = lib
        lib.nvrtcGetErrorString.restype = ctypes.c_char_p
        major, minor = ctypes.c_int(), ctypes.c_int()
        lib.nvrtcVersion(ctypes.byref(major), ctypes.byref(minor))
        self.version = "%d.%d" % (major.value, minor.value)

    def compile(self, source, name, options):
        """Returns (ok, log, ptx_or_none)."""
        lib = self.lib
        prog = ctypes.c_void_p()
        rc = lib.nvrtcCreateProgram(ctypes.byref(prog), source.encode(), name.encode(), 0, None, None)
        if rc != 0:
            return False, "nvrtcCreateProgram: " + lib.nvrtcGetErrorString(rc).decode(), None
        opts = [o.encode() for o in options]
        rc = lib.nvrtcCompileProgram(prog, len(opts), (ctypes.c_char_p * len(opts))(*opts))
        size = ctypes.c_size_t()
        lib.nvrtcGetProgramLogSize(prog, ctypes.byref(size))
        log = ctypes.create_string_buffer(size.value)
        lib.nvrtcGetProgramLog(prog, log)
        ptx = None
        if rc == 0:
            lib.nvrtcGetPTXSize(prog, ctypes.byref(size))
            buf = ctypes.create_string_buffer(size.value)
            lib.nvrtcGetPTX(prog, buf)
            ptx = buf.value.decode()
        lib.nvrtcDestroyProgram(ctypes.byref(prog))
        return rc == 0, log.value.decode(errors="replace").strip(), ptx


def jobs(filter_text):
    for cell_name, cell_src, cell_macros in CELLS:
        for dtype in (0, 1, 2):
            for template in frg_source.KERNEL_TEMPLATES:
                fused = template.startswith("fused")
                plans = FUSED_PLANS if fused else GEMM_PLANS
                if cell_name != "lstm":  # other cells: a few plans are enough (G U % 16 holds for G = 1 and 3)
                    plans = plans[1:3] + plans[4:6] if fused else plans[1:3]
                for plan_name, macros in plans:
                    if macros.get("FRG_FP32_FAST_MMA") and dtype != 0:
                        continue
                    m = dict(macros)
                    m.update(cell_macros)
                    m["FRG_DTYPE"] = dtype
                    m["FRG_FAST_MATH"] = frg_source.fast_math_level(dtype)  # as the runtime compiles them
                    label = "%s dtype=%d %s %s" % (template, dtype, cell_name, plan_name)
                    if filter_text and filter_text not in label:
                        continue
                    yield label, template, cell_src, m


def resource_lines(log):
    keep = []
    for line in log.splitlines():
        if re.search(r"Compiling entry|Used \d+ registers|spill|stack frame", line):
            keep.append("    " + line.strip())
    return keep


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sass", action="store_true", help="also build sm_90 code and print ptxas resource usage")
    ap.add_argument("--filter", default="", help="only jobs whose label contains this text")
    ap.add_argument("--lib", default="", help="path of libnvrtc to use")
    args = ap.parse_args()
    nvrtc = Nvrtc(load_nvrtc(args.lib))
    print("NVRTC %s" % nvrtc.version)
    failures = 0
    count = 0
    start = time.time()
    for label, template, cell_src, macros in jobs(args.filter):
        count += 1
        source = frg_source.assemble(template, cell_src)
        options = BASE_OPTIONS + frg_source.define_options(macros)
        ok, log, ptx = nvrtc.compile(source, template, options)
        clean = ok and not re.search(r"warning", log, re.I)
        if not clean:
            failures += 1
            print("FAIL  %s\n%s\n" % (label, log))
            continue
        extra = []
        if args.sass:
            sass_opts = ["--gpu-architecture=sm_90"] + BASE_OPTIONS[1:] + ["--ptxas-options=-v"] \
                + frg_source.define_options(macros)
            ok2, log2, _ = nvrtc.compile(source, template, sass_opts)
            if not ok2 or re.search(r"warning", log2, re.I) and "ptxas info" not in log2:
                failures += 1
                print("FAIL  %s (sm_90)\n%s\n" % (label, log2))
                continue
            extra = resource_lines(log2)
            if any("spill" in l and not re.search(r"0 bytes spill stores, 0 bytes spill loads", l) for l in extra):
                extra.append("    NOTE: spills")
        print("ok    %s" % label)
        for line in extra:
            print(line)
    print("%d compiled, %d failed, %.1f s" % (count, failures, time.time() - start))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
