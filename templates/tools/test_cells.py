"""Cells for the template checks, each as CUDA text in the generator's contract (README.md, "The cell contract")
and as per-unit Python functions (float64) for the harness's reference. LSTM's CUDA text is None: the templates'
default cell (frg_default_cell.cuh) is that LSTM. Elman (1 gate) and GRU (3 gates) exercise the odd-gate-count tile
paths and a cell whose input and recurrent gate parts differ (GRU's r * (R_n h + b_n)).

forward(gin[G], grec[G], s[S], first) -> s_new[S]; backward(gin, grec, s, first, ds_new[S]) -> (dgin, dgrec, ds)."""
import math


class Cell:
    def __init__(self, name, gates, states, rec_state, cuda_source, forward, backward, summed):
        self.name = name
        self.summed = summed  # gates enter only as gin + grec (FRG_GATES_SUMMED; the generator's GateSums)
        self.gates = gates
        self.states = states
        self.rec_state = rec_state
        self.cuda_source = cuda_source
        self.forward = forward
        self.backward = backward

    def macros(self):
        return {"FRG_GATES": self.gates, "FRG_STATES": self.states, "FRG_REC_STATE": self.rec_state,
                "FRG_CELL_USES_FIRST": 0, "FRG_GATES_SUMMED": int(self.summed)}


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


# ---- LSTM: gates (i, f, z, o), states (h, c) ---------------------------------------------------------------------
def _lstm_forward(gin, grec, s, first):
    i, f = _sigmoid(gin[0] + grec[0]), _sigmoid(gin[1] + grec[1])
    z, o = math.tanh(gin[2] + grec[2]), _sigmoid(gin[3] + grec[3])
    c = f * s[1] + i * z
    return [o * math.tanh(c), c]


def _lstm_backward(gin, grec, s, first, ds_new):
    i, f = _sigmoid(gin[0] + grec[0]), _sigmoid(gin[1] + grec[1])
    z, o = math.tanh(gin[2] + grec[2]), _sigmoid(gin[3] + grec[3])
    c = f * s[1] + i * z
    tc = math.tanh(c)
    dc = ds_new[1] + ds_new[0] * o * (1 - tc * tc)
    dg = [dc * z * i * (1 - i), dc * s[1] * f * (1 - f), dc * i * (1 - z * z), ds_new[0] * tc * o * (1 - o)]
    return dg, list(dg), [0.0, dc * f]


LSTM = Cell("lstm", 4, 2, 0, None, _lstm_forward, _lstm_backward, summed=True)
# ---- Elman: h = tanh(g) ----------------------------------------------------------------------------------------------
ELMAN_SOURCE = r"""
#define FRG_CELL_DEFINED 1
// Elman: h = tanh(g)
__device__ __forceinline__ void frg_cell_forward(const float (&gin)[FRG_GATES], const float (&grec)[FRG_GATES],
    const float (&s)[FRG_STATES], float (&s_new)[FRG_STATES], bool first)
{
    (void)s; (void)first;
    s_new[0] = frg_tanh(gin[0] + grec[0]);
}
__device__ __forceinline__ void frg_cell_backward(const float (&gin)[FRG_GATES], const float (&grec)[FRG_GATES],
    const float (&s)[FRG_STATES], bool first, const float (&ds_new)[FRG_STATES],
    float (&dgin)[FRG_GATES], float (&dgrec)[FRG_GATES], float (&ds)[FRG_STATES])
{
    (void)s; (void)first;
    const float y = frg_tanh(gin[0] + grec[0]);
    dgin[0] = ds_new[0] * (1.0f - y * y);
    dgrec[0] = dgin[0];
    ds[0] = 0.0f;
}
"""


def _elman_forward(gin, grec, s, first):
    return [math.tanh(gin[0] + grec[0])]


def _elman_backward(gin, grec, s, first, ds_new):
    y = math.tanh(gin[0] + grec[0])
    dg = [ds_new[0] * (1 - y * y)]
    return dg, list(dg), [0.0]


ELMAN = Cell("elman", 1, 1, 0, ELMAN_SOURCE, _elman_forward, _elman_backward, summed=True)

# ---- GRU (FlashRNN's arrangement): gates (r, z, n); n = tanh(x_n + r * rec_n); h = z h + (1 - z) n ---------------------
GRU_SOURCE = r"""
#define FRG_CELL_DEFINED 1
// GRU: r = sigmoid(x_r + rec_r), z = sigmoid(x_z + rec_z), n = tanh(x_n + r * rec_n), h = z h + (1 - z) n
__device__ __forceinline__ void frg_cell_forward(const float (&gin)[FRG_GATES], const float (&grec)[FRG_GATES],
    const float (&s)[FRG_STATES], float (&s_new)[FRG_STATES], bool first)
{
    (void)first;
    const float r = frg_sigmoid(gin[0] + grec[0]);
    const float z = frg_sigmoid(gin[1] + grec[1]);
    const float n = frg_tanh(gin[2] + r * grec[2]);
    s_new[0] = z * s[0] + (1.0f - z) * n;
}
__device__ __forceinline__ void frg_cell_backward(const float (&gin)[FRG_GATES], const float (&grec)[FRG_GATES],
    const float (&s)[FRG_STATES], bool first, const float (&ds_new)[FRG_STATES],
    float (&dgin)[FRG_GATES], float (&dgrec)[FRG_GATES], float (&ds)[FRG_STATES])
{
    (void)first;
    const float r = frg_sigmoid(gin[0] + grec[0]);
    const float z = frg_sigmoid(gin[1] + grec[1]);
    const float n = frg_tanh(gin[2] + r * grec[2]);
    const float dn = ds_new[0] * (1.0f - z) * (1.0f - n * n);
    const float dz = ds_new[0] * (s[0] - n) * z * (1.0f - z);
    const float dr = dn * grec[2] * r * (1.0f - r);
    dgin[0] = dr; dgrec[0] = dr;
    dgin[1] = dz; dgrec[1] = dz;
    dgin[2] = dn; dgrec[2] = dn * r;
    ds[0] = ds_new[0] * z;
}
"""


def _gru_forward(gin, grec, s, first):
    r, z = _sigmoid(gin[0] + grec[0]), _sigmoid(gin[1] + grec[1])
    n = math.tanh(gin[2] + r * grec[2])
    return [z * s[0] + (1 - z) * n]


def _gru_backward(gin, grec, s, first, ds_new):
    r, z = _sigmoid(gin[0] + grec[0]), _sigmoid(gin[1] + grec[1])
    n = math.tanh(gin[2] + r * grec[2])
    dn = ds_new[0] * (1 - z) * (1 - n * n)
    dz = ds_new[0] * (s[0] - n) * z * (1 - z)
    dr = dn * grec[2] * r * (1 - r)
    return [dr, dz, dn], [dr, dz, dn * r], [ds_new[0] * z]


GRU = Cell("gru", 3, 1, 0, GRU_SOURCE, _gru_forward, _gru_backward, summed=False)

CELLS = {c.name: c for c in (LSTM, ELMAN, GRU)}


def check_backward(cell, trials=20, seed=7):
    """Compares the cell's backward with central differences of its forward; returns the largest relative error."""
    import random
    rnd = random.Random(seed)
    worst = 0.0
    for _ in range(trials):
        gin = [rnd.gauss(0, 1) for _ in range(cell.gates)]
        grec = [rnd.gauss(0, 1) for _ in range(cell.gates)]
        s = [rnd.gauss(0, 1) for _ in range(cell.states)]
        w = [rnd.gauss(0, 1) for _ in range(cell.states)]  # loss = w . s_new
        dgin, dgrec, ds = cell.backward(gin, grec, s, False, w)

        def loss(gi, gr, st):
            return sum(a * b for a, b in zip(w, cell.forward(gi, gr, st, False)))

        eps = 1e-6
        for vec, grad, which in ((gin, dgin, 0), (grec, dgrec, 1), (s, ds, 2)):
            for k in range(len(vec)):
                up, dn = list(vec), list(vec)
                up[k] += eps
                dn[k] -= eps
                args_up = [gin, grec, s]
                args_dn = [gin, grec, s]
                args_up[which], args_dn[which] = up, dn
                num = (loss(*args_up) - loss(*args_dn)) / (2 * eps)
                worst = max(worst, abs(num - grad[k]) / max(1.0, abs(num)))
    return worst
