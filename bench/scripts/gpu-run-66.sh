#!/usr/bin/env bash
# GPU run 66: the weight-gradient GEMM's split count swept, to fit the rule that chooses it (run 65 found LSTM 1x768
# fastest at 3 splits, which GpuRecurrence.SplitCount's floor(slots / tiles) cannot choose). Only grad_profile.py;
# no pack needed. Every layout of the sweep, LSTM and GRU in bfloat16, Elman at the ends, LSTM in float32 (64 x 64
# tiles), each split 1..8, 11, 16, 22, 33, 44 ways (256 rows a split at least).
set -u
LIMIT=${LIMIT:-590}
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
S=""; for s in 1 2 3 4 5 6 7 8 11 16 22 33 44; do S="$S --splits $s"; done
L="--layout 1x768 --layout 3x256 --layout 6x128 --layout 12x64 --layout 24x32 --layout 48x16"
gp() { [ $((LIMIT - SECONDS)) -gt 20 ] || return 0; timeout $((LIMIT - SECONDS - 10)) python3 templates/tools/grad_profile.py --reps 30 $S "$@" >> "$R/grad_sweep.log" 2>&1; pack; }
gp --cell lstm $L
gp --cell gru $L
gp --cell elman --layout 1x768 --layout 12x64
gp --cell lstm --dtype 0 --layout 1x768 --layout 12x64
gp --cell lstm --dtype 2 --layout 1x768 --layout 3x256
grep -c ms "$R/grad_sweep.log"; echo "done at ${SECONDS}s"
