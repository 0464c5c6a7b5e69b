"""A float64 reference of the whole recurrence in plain Python (no numpy, so it runs anywhere): forward states,
the recurrent gate parts, and the backward (dWx, drec, dInitial, dR, dbias) by backpropagation through time with
the cell's own vector-Jacobian product. Tensors are flat lists in the layouts of README.md:
Wx [B,T,G,NH,DH], R [G,NH,DH,DH], bias [G,NH,DH], initial/last/dLast [S,B,NH,DH], states/dStates [S,B,T,NH,DH].

Also the storage-dtype conversions (round to nearest even), so inputs can be rounded as the kernels receive them."""
import math
import operator
import struct
from array import array

# ---- storage dtypes ----------------------------------------------------------------------------------------------
F32, BF16, F16 = 0, 1, 2
_F = struct.Struct("<f")
_I = struct.Struct("<I")
_H = struct.Struct("<H")
_E = struct.Struct("<e")


def f32_bits(x):
    return _I.unpack(_F.pack(x))[0]


def to_storage(values, dtype):
    """float values -> array of the storage dtype (float32 array, or uint16 bit patterns)."""
    if dtype == F32:
        return array("f", values)
    if dtype == F16:
        return array("H", (_H.unpack(_E.pack(v))[0] for v in values))
    out = array("H")
    for v in values:
        u = f32_bits(v)
        out.append(((u + 0x7FFF + ((u >> 16) & 1)) >> 16) & 0xFFFF)
    return out


def from_storage(stored, dtype):
    """Array of the storage dtype -> list of Python floats (NaN stays NaN)."""
    if dtype == F32:
        return list(stored)
    if dtype == F16:
        return [_E.unpack(_H.pack(u))[0] for u in stored]
    return [_F.unpack(_I.pack(u << 16))[0] for u in stored]


NAN_BITS = {F32: None, BF16: 0x7FC0, F16: 0x7E00}


# ---- the recurrence ------------------------------------------------------------------------------------------------
def run(cell, B, T, NH, DH, Wx, R, bias, initial, dStates, dLast):
    """Returns a dict of flat float lists: states, last, gates (= recurrent parts incl. bias) [B,T,G,NH,DH],
    dWx, drec [B,T,G,NH,DH], dInitial [S,B,NH,DH], dR [G,NH,DH,DH], dbias [G,NH,DH]."""
    G, S, REC = cell.gates, cell.states, cell.rec_state
    HD = NH * DH
    mul = operator.mul

    # R_g columns (over i) for the forward product and rows (over j) for the backward one.
    rcol = {}
    rrow = {}
    for g in range(G):
        for h in range(NH):
            base = (g * NH + h) * DH * DH
            for j in range(DH):
                rcol[g, h, j] = R[base + j: base + DH * DH: DH]
            for i in range(DH):
                rrow[g, h, i] = R[base + i * DH: base + (i + 1) * DH]

    def iwx(b, t, g, hj):
        return ((b * T + t) * G + g) * HD + hj

    def isbt(s, b, t, hj):
        return ((s * B + b) * T + t) * HD + hj

    def isb(s, b, hj):
        return (s * B + b) * HD + hj

    state = [[[initial[isb(s, b, hj)] for hj in range(HD)] for b in range(B)] for s in range(S)]
    states = [0.0] * (S * B * T * HD)
    gates = [0.0] * (B * T * G * HD)
    saved = []  # per step: (gin, grec, previous states) per (b, hj)
    for t in range(T):
        step = {}
        new_state = [[[0.0] * HD for _ in range(B)] for _ in range(S)]
        for b in range(B):
            for h in range(NH):
                hrow = state[REC][b][h * DH:(h + 1) * DH]
                for j in range(DH):
                    hj = h * DH + j
                    grec = [bias[g * HD + hj] + sum(map(mul, hrow, rcol[g, h, j])) for g in range(G)]
                    gin = [Wx[iwx(b, t, g, hj)] for g in range(G)]
                    prev = [state[s][b][hj] for s in range(S)]
                    new = cell.forward(gin, grec, prev, t == 0)
                    step[b, hj] = (gin, grec, prev)
                    for g in range(G):
                        gates[iwx(b, t, g, hj)] = grec[g]
                    for s in range(S):
                        new_state[s][b][hj] = new[s]
                        states[isbt(s, b, t, hj)] = new[s]
        saved.append(step)
        state = new_state
    last = [state[s][b][hj] for s in range(S) for b in range(B) for hj in range(HD)]

    carry = [[[dLast[isb(s, b, hj)] for hj in range(HD)] for b in range(B)] for s in range(S)]
    dwx = [0.0] * (B * T * G * HD)
    drec = [0.0] * (B * T * G * HD)
    for t in range(T - 1, -1, -1):
        new_carry = [[[0.0] * HD for _ in range(B)] for _ in range(S)]
        for b in range(B):
            dgrec_row = [[0.0] * HD for _ in range(G)]
            for hj in range(HD):
                gin, grec, prev = saved[t][b, hj]
                ds_new = [carry[s][b][hj] + dStates[isbt(s, b, t, hj)] for s in range(S)]
                dgin, dgrec, ds = cell.backward(gin, grec, prev, t == 0, ds_new)
                for g in range(G):
                    dwx[iwx(b, t, g, hj)] = dgin[g]
                    drec[iwx(b, t, g, hj)] = dgrec[g]
                    dgrec_row[g][hj] = dgrec[g]
                for s in range(S):
                    new_carry[s][b][hj] = ds[s]
            for h in range(NH):
                for i in range(DH):
                    new_carry[REC][b][h * DH + i] += sum(
                        sum(map(mul, dgrec_row[g][h * DH:(h + 1) * DH], rrow[g, h, i])) for g in range(G))
        carry = new_carry
    dinit = [carry[s][b][hj] for s in range(S) for b in range(B) for hj in range(HD)]

    # dR[g,h,i,j] = sum_{b,t} s_rec(t-1)[b,h,i] drec[b,t,g,h,j]; dbias = sum_{b,t} drec
    srec_prev = {}
    for t in range(T):
        for b in range(B):
            for hj in range(HD):
                srec_prev[b, t, hj] = saved[t][b, hj][2][REC]
    dR = [0.0] * (G * NH * DH * DH)
    dbias = [0.0] * (G * HD)
    for g in range(G):
        for h in range(NH):
            for j in range(DH):
                col = [drec[iwx(b, t, g, h * DH + j)] for b in range(B) for t in range(T)]
                dbias[g * HD + h * DH + j] = sum(col)
                for i in range(DH):
                    srow = [srec_prev[b, t, h * DH + i] for b in range(B) for t in range(T)]
                    dR[((g * NH + h) * DH + i) * DH + j] = sum(map(mul, srow, col))
    return {"states": states, "last": last, "gates": gates, "dWx": dwx, "drec": drec, "dInitial": dinit,
            "dR": dR, "dbias": dbias}


def normalized_max_error(got, want):
    """(max |got - want| / max |want|, NaN count, index of the worst element)."""
    scale = max((abs(w) for w in want), default=0.0) or 1e-30
    worst, worst_i, nans = -1.0, 0, 0
    for i, (g, w) in enumerate(zip(got, want)):
        if g != g:
            nans += 1
            if worst != math.inf:
                worst, worst_i = math.inf, i
            continue
        d = abs(g - w)
        if d > worst:
            worst, worst_i = d, i
    return worst / scale, nans, worst_i
