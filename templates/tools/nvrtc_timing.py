#!/usr/bin/env python3
"""How long NVRTC takes for the kernels of one configuration: compiles LSTM 12x64 bf16's three training kernels
(fused forward, fused backward, weight-gradient GEMM, with the plans the runtime uses) serially, several times, both
to PTX (compute_90) and to machine code (sm_90, NVRTC's built-in ptxas, what the runtime asks for on an H100/H200),
and then the three at once on three threads (does NVRTC serialise them?). Prints the median milliseconds of each.

--templates ROOT takes the templates from another checkout (e.g. an older commit extracted with
`git archive COMMIT templates | tar x -C DIR`), so a change in compile time can be pinned on the sources or on the
machine: the same NVRTC, the same process, old and new sources side by side.

--cold appends a unique global variable to every source, so no compile is served from NVRTC's own cache (CUDA 12.9 and
later keep one: repeating a compile, even in a new process, costs a fraction of the first time; gpu-run-17).
--option adds an NVRTC option to every compile (for example -minimal, NVRTC 12.4+).

Usage: python3 templates/tools/nvrtc_timing.py [--templates ROOT] [--repeats 5] [--cold] [--option OPT] [--lib PATH]"""
import argparse
import ctypes
import importlib
import os
import statistics
import sys
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

# The plans of LSTM bf16 12x64 B=16 (the compile-time probe's configuration); extra macros a template ignores are
# harmless, so every job gets the full set.
PLAN_12X64 = {"FRG_HEAD_SIZE": 64, "FRG_HEADS": 12, "FRG_DTYPE": 1, "FRG_FAST_MATH": 1, "FRG_STORE_GATES": 1}
JOBS = [
    ("fused_forward.cu", dict(PLAN_12X64, FRG_CTAS_PER_HEAD=1, FRG_BATCH_TILE=8, FRG_WARPS=8, FRG_R_REG_TILES=8,
                              FRG_INPUT_STAGES=8, FRG_USE_CLUSTER=0)),
    ("fused_backward.cu", dict(PLAN_12X64, FRG_CTAS_PER_HEAD=1, FRG_BATCH_TILE=8, FRG_WARPS=16, FRG_R_REG_TILES=4,
                               FRG_INPUT_STAGES=8, FRG_USE_CLUSTER=0)),
    ("grad_gemm.cu", dict(PLAN_12X64)),
]


def load_modules(root):
    tools = os.path.join(root, "templates", "tools") if root else HERE
    sys.path.insert(0, tools)
    frg_source = importlib.import_module("frg_source")
    test_cells = importlib.import_module("test_cells")
    sys.path.insert(0, HERE)
    nvrtc_check = importlib.import_module("nvrtc_check")
    return frg_source, test_cells, nvrtc_check


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--templates", default="", help="root of a checkout whose templates/ to compile (default: this one)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cold", action="store_true", help="make every source unique (defeats NVRTC's compile cache)")
    ap.add_argument("--option", action="append", default=[], help="extra NVRTC option (repeatable)")
    ap.add_argument("--lib", default="", help="path of libnvrtc (default: as gpu_backend.py / nvrtc_check.py find it)")
    args = ap.parse_args()
    frg_source, test_cells, nvrtc_check = load_modules(args.templates)
    lib = args.lib
    if not lib:
        try:
            sys.path.insert(0, HERE)
            import gpu_backend  # noqa: E402  (prefers libnvrtc.so.13 and the pip wheel)
            nvrtc = nvrtc_check.Nvrtc(gpu_backend._load_nvrtc())
        except Exception:  # no CUDA driver here: NVRTC alone is enough
            nvrtc = nvrtc_check.Nvrtc(nvrtc_check.load_nvrtc(""))
    else:
        nvrtc = nvrtc_check.Nvrtc(nvrtc_check.load_nvrtc(lib))
    cell = test_cells.LSTM
    print("NVRTC %s, templates %s%s%s" % (nvrtc.version, frg_source.TEMPLATE_DIR, ", cold" if args.cold else "",
                                      ", options " + " ".join(args.option) if args.option else ""))

    def compile_once(template, macros, arch):
        m = dict(macros)
        m.update(cell.macros())
        source = frg_source.assemble(template, cell.cuda_source)
        if args.cold:  # a unique global changes the PTX too (a unique comment alone still hit the cache: gpu-run-18)
            source += '\nextern "C" __device__ int frg_nonce_%s = 1;\n' % uuid.uuid4().hex
        options = ["--gpu-architecture=" + arch, "--std=c++17", "-default-device"] + frg_source.define_options(m) \
            + args.option
        start = time.perf_counter()
        ok, log, _ = nvrtc.compile(source, template, options)
        elapsed = (time.perf_counter() - start) * 1000.0
        if not ok:
            raise RuntimeError("%s (%s) failed:\n%s" % (template, arch, log))
        return elapsed

    for arch in ("compute_90", "sm_90"):
        total = 0.0
        for template, macros in JOBS:
            times = [compile_once(template, macros, arch) for _ in range(args.repeats)]
            total += statistics.median(times)
            # first vs the rest: a compile cache inside NVRTC (CUDA 12.9+ has one) would make the repeats cheap
            print("  %-8s %-18s first %7.1f ms, median %7.1f ms  (min %.1f, max %.1f, %d runs)" % (
                arch, template, times[0], statistics.median(times), min(times), max(times), len(times)))
        print("  %-8s serial sum of medians: %.1f ms" % (arch, total))

    # The three at once: if NVRTC held a process-wide lock, the wall time would be the serial sum.
    results = {}

    def worker(template, macros):
        results[template] = compile_once(template, macros, "sm_90")

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=job) for job in JOBS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = (time.perf_counter() - start) * 1000.0
    print("  sm_90 three threads: wall %.1f ms; each %s" % (
        wall, ", ".join("%s %.1f ms" % (k, v) for k, v in sorted(results.items()))))


if __name__ == "__main__":
    main()
