// frg_default_cell.cuh - a hand-written LSTM in the generator's cell contract, used only when no generated cell is
// present (FRG_CELL_DEFINED unset): it lets every template compile and run on its own (tools/nvrtc_check.py,
// tools/check_on_gpu.py). The generator never uses it; it emits its own cell, derived from the equations.
//
// Contract (all float32, per unit): gin = the unit's Wx elements, grec = (R . s_rec(t-1))[unit] + bias[unit], one
// per gate; a gate's pre-activation is gin + grec. s = previous states; s_new = new states. The backward is the
// vector-Jacobian product: given ds_new (dL/ds_new) it writes dgin, dgrec and ds (dL/ds through this step only).
#ifndef FRG_DEFAULT_CELL_CUH
#define FRG_DEFAULT_CELL_CUH

#ifndef FRG_CELL_DEFINED
#define FRG_CELL_DEFINED 1

#if FRG_GATES != 4 || FRG_STATES != 2 || FRG_REC_STATE != 0
#error "no generated cell: the default LSTM cell needs FRG_GATES=4, FRG_STATES=2, FRG_REC_STATE=0"
#endif

// LSTM: gates (i, f, z, o), states (h, c), h feeds the recurrence.
//   c' = sigmoid(f) c + sigmoid(i) tanh(z);   h' = sigmoid(o) tanh(c')
__device__ __forceinline__ void frg_cell_forward(const float (&gin)[FRG_GATES], const float (&grec)[FRG_GATES],
    const float (&s)[FRG_STATES], float (&s_new)[FRG_STATES], bool first)
{
    (void)first;
    const float i = frg_sigmoid(gin[0] + grec[0]);
    const float f = frg_sigmoid(gin[1] + grec[1]);
    const float z = frg_tanh(gin[2] + grec[2]);
    const float o = frg_sigmoid(gin[3] + grec[3]);
    const float c = f * s[1] + i * z;
    s_new[1] = c;
    s_new[0] = o * frg_tanh(c);
}

__device__ __forceinline__ void frg_cell_backward(const float (&gin)[FRG_GATES], const float (&grec)[FRG_GATES],
    const float (&s)[FRG_STATES], bool first, const float (&ds_new)[FRG_STATES],
    float (&dgin)[FRG_GATES], float (&dgrec)[FRG_GATES], float (&ds)[FRG_STATES])
{
    (void)first;
    // Recompute the forward step's intermediates from its inputs.
    const float i = frg_sigmoid(gin[0] + grec[0]);
    const float f = frg_sigmoid(gin[1] + grec[1]);
    const float z = frg_tanh(gin[2] + grec[2]);
    const float o = frg_sigmoid(gin[3] + grec[3]);
    const float c = f * s[1] + i * z;
    const float tc = frg_tanh(c);
    // dL/dc' collects the direct gradient and the path through h' = o tanh(c').
    const float dc = ds_new[1] + ds_new[0] * o * (1.0f - tc * tc);
    const float d_o = ds_new[0] * tc;
    // Through the activations: sigmoid' = y (1 - y), tanh' = 1 - y^2.
    dgin[0] = dc * z * i * (1.0f - i);
    dgin[1] = dc * s[1] * f * (1.0f - f);
    dgin[2] = dc * i * (1.0f - z * z);
    dgin[3] = d_o * o * (1.0f - o);
    // The input part and the recurrent part enter each gate as a sum, so their gradients are equal.
#pragma unroll
    for (int g = 0; g < FRG_GATES; ++g) dgrec[g] = dgin[g];
    ds[0] = 0.0f;  // h(t-1) reaches this step only through R (the kernels add that part)
    ds[1] = dc * f;
}
#endif  // FRG_CELL_DEFINED

#endif  // FRG_DEFAULT_CELL_CUH
