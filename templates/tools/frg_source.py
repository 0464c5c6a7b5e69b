"""Assembles a self-contained kernel source from the templates, the way the generator does (README.md,
"Assembling a kernel source"): [frg_math.cuh + the generated cell] + the template, with every
`#include "frg_*.cuh"` line replaced by that header's text (once; the include guards make repeats harmless).
Used by nvrtc_check.py and check_on_gpu.py."""
import os
import re

TEMPLATE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_TEMPLATES = ["alternating.cu", "fused_forward.cu", "fused_backward.cu", "grad_gemm.cu", "recompute_gates.cu"]
_INCLUDE = re.compile(r'^\s*#\s*include\s+"(frg_[A-Za-z0-9_]+\.cuh)"\s*$', re.M)


def read_template(name, overrides=None):
    path = (overrides or {}).get(name) or os.path.join(TEMPLATE_DIR, name)
    with open(path, encoding="utf-8") as f:
        return f.read()


def inline_includes(text, seen=None, overrides=None):
    """Replaces each #include "frg_*.cuh" by the header's text, depth first, each header at most once.
    `overrides` maps a header name to another file to use instead (the emulator's frg_ptx.cuh)."""
    seen = set() if seen is None else seen

    def expand(match):
        name = match.group(1)
        if name in seen:
            return "// (" + name + " already included)"
        seen.add(name)
        body = inline_includes(read_template(name, overrides), seen, overrides)
        return "// ---- begin " + name + "\n" + body + "\n// ---- end " + name

    return _INCLUDE.sub(expand, text)


def assemble(template, cell_source=None, overrides=None):
    """The kernel source for `template` (a .cu file name); `cell_source` is a generated cell in the contract of
    README.md (it must #define FRG_CELL_DEFINED), or None for the default LSTM cell."""
    seen = set()
    parts = []
    if cell_source is not None:
        parts.append(inline_includes('#include "frg_math.cuh"\n', seen, overrides))
        parts.append(cell_source)
    parts.append(inline_includes(read_template(template, overrides), seen, overrides))
    return "\n".join(parts)


def define_options(macros):
    """NVRTC -D options for a dict of macro values."""
    return ["-D%s=%s" % (k, v) for k, v in sorted(macros.items())]


def fast_math_level(dtype):
    """FRG_FAST_MATH as the runtime compiles a dtype (runtime/FlashRnn.Runtime/Gpu/GpuCell.cs): 2 (the float32 tier)
    for float32 (dtype 0), 1 (MUFU approximations) for bfloat16 and float16."""
    return 2 if dtype == 0 else 1
