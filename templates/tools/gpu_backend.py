"""Runs kernels on a real GPU through NVRTC and the CUDA driver API (ctypes, no other package), the way the C#
runtime does: NVRTC compiles to PTX for compute_90 with the runtime's options, the driver loads it, kernels launch
through cuLaunchKernelEx (cluster dimensions, cooperative launches)."""
import ctypes
import os
from array import array

import frg_source

NVRTC_OPTIONS = ["--gpu-architecture=compute_90", "--std=c++17", "-default-device"]


def _load_nvrtc():
    names = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"]
    try:  # the pip wheel (nvidia-cuda-nvrtc) keeps it inside site-packages
        import nvidia.cuda_nvrtc as pkg
        libdir = os.path.join(list(pkg.__path__)[0], "lib")
        names = [os.path.join(libdir, f) for f in sorted(os.listdir(libdir)) if f.startswith("libnvrtc.so")] + names
    except Exception:
        pass
    names += ["/usr/local/cuda/lib64/libnvrtc.so", "libnvrtc.so.11.2"]
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    raise RuntimeError("cannot load libnvrtc (tried %s)" % ", ".join(names))


class _LaunchAttribute(ctypes.Structure):  # CUlaunchAttribute: id, padding to 8 bytes, 64-byte value union
    _fields_ = [("id", ctypes.c_int), ("pad", ctypes.c_char * 4), ("value", ctypes.c_uint * 16)]


class _LaunchConfig(ctypes.Structure):  # CUlaunchConfig
    _fields_ = [("gridDimX", ctypes.c_uint), ("gridDimY", ctypes.c_uint), ("gridDimZ", ctypes.c_uint),
                ("blockDimX", ctypes.c_uint), ("blockDimY", ctypes.c_uint), ("blockDimZ", ctypes.c_uint),
                ("sharedMemBytes", ctypes.c_uint), ("hStream", ctypes.c_void_p),
                ("attrs", ctypes.POINTER(_LaunchAttribute)), ("numAttrs", ctypes.c_uint)]


class Buffer:
    def __init__(self, ptr, typecode, count, backend):
        self.ptr, self.typecode, self.count, self._backend = ptr, typecode, count, backend

    def __del__(self):
        try:
            self._backend.cu.cuMemFree_v2(ctypes.c_uint64(self.ptr))
        except Exception:
            pass


class GpuBackend:
    name = "gpu"
    # Enum values of cuda.h (CUlaunchAttributeID, CUfunction_attribute); the CUDA Python bindings confirm them below.
    ATTR_COOPERATIVE, ATTR_CLUSTER = 2, 4
    FUNC_MAX_DYN_SMEM, FUNC_NON_PORTABLE_CLUSTER = 8, 14

    def __init__(self):
        try:
            from cuda.bindings import driver as d
            self.ATTR_COOPERATIVE = int(d.CUlaunchAttributeID.CU_LAUNCH_ATTRIBUTE_COOPERATIVE)
            self.ATTR_CLUSTER = int(d.CUlaunchAttributeID.CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION)
            self.FUNC_MAX_DYN_SMEM = int(d.CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES)
            self.FUNC_NON_PORTABLE_CLUSTER = int(
                d.CUfunction_attribute.CU_FUNC_ATTRIBUTE_NON_PORTABLE_CLUSTER_SIZE_ALLOWED)
        except Exception:
            pass
        cu = self.cu = ctypes.CDLL("libcuda.so.1")
        cu.cuMemAlloc_v2.argtypes = [ctypes.POINTER(ctypes.c_uint64), ctypes.c_size_t]
        cu.cuMemFree_v2.argtypes = [ctypes.c_uint64]
        cu.cuMemcpyHtoD_v2.argtypes = [ctypes.c_uint64, ctypes.c_void_p, ctypes.c_size_t]
        cu.cuMemcpyDtoH_v2.argtypes = [ctypes.c_void_p, ctypes.c_uint64, ctypes.c_size_t]
        cu.cuModuleGetGlobal_v2.argtypes = [ctypes.POINTER(ctypes.c_uint64), ctypes.POINTER(ctypes.c_size_t),
                                            ctypes.c_void_p, ctypes.c_char_p]
        cu.cuFuncSetAttribute.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        cu.cuLaunchKernelEx.argtypes = [ctypes.POINTER(_LaunchConfig), ctypes.c_void_p, ctypes.c_void_p,
                                        ctypes.c_void_p]
        self._check(cu.cuInit(0), "cuInit")
        dev, ctx = ctypes.c_int(), ctypes.c_void_p()
        self._check(cu.cuDeviceGet(ctypes.byref(dev), 0), "cuDeviceGet")
        self._check(cu.cuDevicePrimaryCtxRetain(ctypes.byref(ctx), dev), "cuDevicePrimaryCtxRetain")
        self._check(cu.cuCtxSetCurrent(ctx), "cuCtxSetCurrent")
        self.nvrtc = _load_nvrtc()

    def _check(self, rc, what):
        if rc != 0:
            msg = ctypes.c_char_p()
            self.cu.cuGetErrorString(rc, ctypes.byref(msg))
            raise RuntimeError("%s failed: CUDA error %d %s" % (what, rc, (msg.value or b"").decode()))

    # ---- modules -------------------------------------------------------------------------------------------------
    def module(self, template, cell_source, macros, ptx_file=""):
        source = frg_source.assemble(template, cell_source)
        options = NVRTC_OPTIONS + frg_source.define_options(macros)
        lib = self.nvrtc
        prog = ctypes.c_void_p()
        if lib.nvrtcCreateProgram(ctypes.byref(prog), source.encode(), template.encode(), 0, None, None) != 0:
            raise RuntimeError("nvrtcCreateProgram failed")
        opts = [o.encode() for o in options]
        rc = lib.nvrtcCompileProgram(prog, len(opts), (ctypes.c_char_p * len(opts))(*opts))
        size = ctypes.c_size_t()
        lib.nvrtcGetProgramLogSize(prog, ctypes.byref(size))
        log = ctypes.create_string_buffer(size.value)
        lib.nvrtcGetProgramLog(prog, log)
        if rc != 0:
            raise RuntimeError("NVRTC failed on %s:\n%s" % (template, log.value.decode(errors="replace")))
        lib.nvrtcGetPTXSize(prog, ctypes.byref(size))
        ptx = ctypes.create_string_buffer(size.value)
        lib.nvrtcGetPTX(prog, ptx)
        lib.nvrtcDestroyProgram(ctypes.byref(prog))
        if ptx_file:  # for ptxas / cuobjdump -sass / ncu source views
            with open(ptx_file, "wb") as f:
                f.write(ptx.value)
        mod = ctypes.c_void_p()
        self._check(self.cu.cuModuleLoadData(ctypes.byref(mod), ptx), "cuModuleLoadData(%s)" % template)
        return mod

    def function(self, mod, name):
        f = ctypes.c_void_p()
        self._check(self.cu.cuModuleGetFunction(ctypes.byref(f), mod, name.encode()), "cuModuleGetFunction " + name)
        return f

    def read_ints(self, mod, name, count):
        ptr, size = ctypes.c_uint64(), ctypes.c_size_t()
        self._check(self.cu.cuModuleGetGlobal_v2(ctypes.byref(ptr), ctypes.byref(size), mod, name.encode()),
                    "cuModuleGetGlobal " + name)
        buf = (ctypes.c_int * count)()
        self._check(self.cu.cuMemcpyDtoH_v2(ctypes.addressof(buf), ptr.value, 4 * count), "cuMemcpyDtoH")
        return list(buf)

    # ---- memory --------------------------------------------------------------------------------------------------
    def upload(self, host):
        """A device copy of an array.array ('f' float32, 'H' uint16, 'I' uint32)."""
        nbytes = max(len(host) * host.itemsize, 4)
        ptr = ctypes.c_uint64()
        self._check(self.cu.cuMemAlloc_v2(ctypes.byref(ptr), nbytes), "cuMemAlloc")
        if len(host):
            self._check(self.cu.cuMemcpyHtoD_v2(ptr.value, host.buffer_info()[0], len(host) * host.itemsize),
                        "cuMemcpyHtoD")
        return Buffer(ptr.value, host.typecode, len(host), self)

    def download(self, buf):
        host = array(buf.typecode, bytes(buf.count * array(buf.typecode).itemsize))
        if buf.count:
            self._check(self.cu.cuMemcpyDtoH_v2(host.buffer_info()[0], buf.ptr, len(host) * host.itemsize),
                        "cuMemcpyDtoH")
        return host

    # ---- launches ------------------------------------------------------------------------------------------------
    def launch(self, f, grid, block, smem, args, cluster=1, cooperative=False):
        if smem > 48 * 1024:
            self._check(self.cu.cuFuncSetAttribute(f, self.FUNC_MAX_DYN_SMEM, smem), "cuFuncSetAttribute(smem)")
        attrs = (_LaunchAttribute * 2)()
        n = 0
        if cluster > 1:
            if cluster > 8:
                self._check(self.cu.cuFuncSetAttribute(f, self.FUNC_NON_PORTABLE_CLUSTER, 1), "non-portable cluster")
            attrs[n].id = self.ATTR_CLUSTER
            attrs[n].value[0], attrs[n].value[1], attrs[n].value[2] = cluster, 1, 1
            n += 1
        if cooperative:
            attrs[n].id = self.ATTR_COOPERATIVE
            attrs[n].value[0] = 1
            n += 1
        cfg = _LaunchConfig(grid[0], grid[1], grid[2], block, 1, 1, smem, None,
                            ctypes.cast(attrs, ctypes.POINTER(_LaunchAttribute)), n)
        holders = [ctypes.c_int(a) if isinstance(a, int) else ctypes.c_uint64(a.ptr if a is not None else 0)
                   for a in args]
        params = (ctypes.c_void_p * len(holders))(*[ctypes.addressof(h) for h in holders])
        self._check(self.cu.cuLaunchKernelEx(ctypes.byref(cfg), f, params, None), "cuLaunchKernelEx")

    def max_active_clusters(self, f, grid, block, smem, cluster):
        """cuOccupancyMaxActiveClusters: how many clusters of `cluster` CTAs of this launch can be resident at once."""
        if smem > 48 * 1024:
            self._check(self.cu.cuFuncSetAttribute(f, self.FUNC_MAX_DYN_SMEM, smem), "cuFuncSetAttribute(smem)")
        attrs = (_LaunchAttribute * 1)()
        attrs[0].id = self.ATTR_CLUSTER
        attrs[0].value[0], attrs[0].value[1], attrs[0].value[2] = cluster, 1, 1
        cfg = _LaunchConfig(grid[0], grid[1], grid[2], block, 1, 1, smem, None,
                            ctypes.cast(attrs, ctypes.POINTER(_LaunchAttribute)), 1)
        count = ctypes.c_int()
        self._check(self.cu.cuOccupancyMaxActiveClusters(ctypes.byref(count), f, ctypes.byref(cfg)),
                    "cuOccupancyMaxActiveClusters")
        return count.value

    def sync(self, what):
        self._check(self.cu.cuCtxSynchronize(), "kernel execution (%s)" % what)
