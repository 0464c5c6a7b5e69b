// frg_common.cuh - everything the kernel templates share: the plan's constants (frg_config.cuh), the inline PTX
// (frg_ptx.cuh), storage and tensor-core types (frg_types.cuh), MMA tile primitives (frg_mma.cuh), cluster and grid
// synchronisation (frg_sync.cuh), the cell's math (frg_math.cuh) and, when no generated cell is present, the default
// LSTM cell (frg_default_cell.cuh).
//
// Include guards make every header safe to include twice, so the host can either hand NVRTC these files as named
// headers or paste them in place of the #include lines (see README.md, "Assembling a kernel source").
#ifndef FRG_COMMON_CUH
#define FRG_COMMON_CUH

#include "frg_math.cuh"
#include "frg_config.cuh"
#include "frg_types.cuh"
#include "frg_mma.cuh"
#include "frg_sync.cuh"
#include "frg_default_cell.cuh"

namespace frg {

// Calls the cell (generated, or the default) on fixed-size arrays; the wrappers keep the kernels' call sites short.
__device__ __forceinline__ void cell_forward(const float (&gin)[kGates], const float (&grec)[kGates],
    const float (&s)[kStates], float (&s_new)[kStates], bool first)
{
    frg_cell_forward(gin, grec, s, s_new, first);
}
__device__ __forceinline__ void cell_backward(const float (&gin)[kGates], const float (&grec)[kGates],
    const float (&s)[kStates], bool first, const float (&ds_new)[kStates], float (&dgin)[kGates],
    float (&dgrec)[kGates], float (&ds)[kStates])
{
    frg_cell_backward(gin, grec, s, first, ds_new, dgin, dgrec, ds);
}

}  // namespace frg

#endif  // FRG_COMMON_CUH
