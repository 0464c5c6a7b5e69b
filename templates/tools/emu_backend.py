"""Runs the kernels on the CPU through the emulator in emu/ (see emu/emu_runtime.h): the assembled kernel source,
with emu/frg_ptx.cuh in place of the real frg_ptx.cuh, is compiled by g++ into a shared library whose
frg_emu_launch runs a grid with one OS thread per CUDA thread. Slow (seconds per small launch) but it executes
every index computation, fragment layout and barrier of the real kernels on a machine without a GPU."""
import ctypes
import hashlib
import os
import re
import subprocess
import tempfile
from array import array

import frg_source

EMU_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emu")
CACHE_DIR = os.path.join(tempfile.gettempdir(), "frg_emu_cache")
_KERNEL = re.compile(r'extern\s+"C"\s+__global__\s+void\s+(?:__launch_bounds__\([^)]*\)\s*)?(\w+)\s*\(([^)]*)\)')


def _dispatch_source(source):
    """C++ that calls each extern "C" kernel of `source` by name with arguments unpacked from void* slots."""
    lines = ['extern "C" int frg_emu_launch(const char* name, unsigned gx, unsigned gy, unsigned gz, unsigned bx,',
             '    unsigned smem, unsigned cluster, int concurrent, void** a)', "{"]
    for name, params in _KERNEL.findall(source):
        types = []
        for p in params.split(","):
            p = " ".join(p.replace("__restrict__", "").split())
            types.append(re.sub(r"\s*\b\w+$", "", p))  # drop the parameter name
        call = ", ".join("*reinterpret_cast<%s*>(a[%d])" % (t, i) for i, t in enumerate(types))
        lines.append('    if (std::strcmp(name, "%s") == 0) {' % name)
        lines.append("        frg_emu::launch([&] { %s(%s); }, dim3{gx, gy, gz}, dim3{bx, 1, 1}, smem, cluster,"
                     " concurrent != 0);" % (name, call))
        lines.append("        return 0;")
        lines.append("    }")
    lines += ["    return -1;", "}"]
    return "\n".join(lines)


class Buffer:
    def __init__(self, host):
        self.host = host
        self.typecode = host.typecode
        self.count = len(host)
        self.ptr = host.buffer_info()[0]


class EmuBackend:
    name = "emulator"

    def module(self, template, cell_source, macros):
        source = frg_source.assemble(template, cell_source, overrides={"frg_ptx.cuh": os.path.join(EMU_DIR, "frg_ptx.cuh")})
        defines = "".join("#define %s %s\n" % (k, v) for k, v in sorted(macros.items()))
        full = defines + '#include "emu_runtime.h"\n' + source + "\n" + _dispatch_source(source) + "\n"
        key = hashlib.sha256(full.encode()).hexdigest()[:24]
        os.makedirs(CACHE_DIR, exist_ok=True)
        so = os.path.join(CACHE_DIR, key + ".so")
        if not os.path.exists(so):
            cpp = os.path.join(CACHE_DIR, "%s.%d.cpp" % (key, os.getpid()))
            with open(cpp, "w") as f:
                f.write(full)
            # Jobs that need the same module may build it at once: each into its own file, renamed into place
            # atomically (the builds are identical, so whichever rename lands last is as good).
            tmp = "%s.%d.tmp" % (so, os.getpid())
            cmd = ["g++", "-std=c++20", "-O1", "-fPIC", "-shared", "-pthread", "-w", "-I", EMU_DIR, cpp,
                   "-o", tmp]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                errors = [l for l in proc.stderr.splitlines() if "error" in l][:8]
                raise RuntimeError("g++ failed on %s (%s):\n%s" % (template, cpp, "\n".join(errors)))
            os.replace(tmp, so)
        lib = ctypes.CDLL(so)
        lib.frg_emu_launch.argtypes = [ctypes.c_char_p] + [ctypes.c_uint] * 6 + [ctypes.c_int, ctypes.c_void_p]
        return lib

    def function(self, lib, name):
        return (lib, name)

    def read_ints(self, lib, name, count):
        return list((ctypes.c_int * count).in_dll(lib, name))

    def upload(self, host):
        return Buffer(array(host.typecode, host))

    def download(self, buf):
        return array(buf.typecode, buf.host)

    def launch(self, f, grid, block, smem, args, cluster=1, cooperative=False):
        lib, name = f
        holders = [ctypes.c_int(a) if isinstance(a, int) else ctypes.c_void_p(a.ptr if a is not None else 0)
                   for a in args]
        params = (ctypes.c_void_p * len(holders))(*[ctypes.addressof(h) for h in holders])
        rc = lib.frg_emu_launch(name.encode(), grid[0], grid[1], grid[2], block, smem, cluster,
                                1 if (cooperative or cluster > 1) else 0, params)
        if rc != 0:
            raise RuntimeError("emulator has no kernel " + name)

    def sync(self, what):
        pass
