#!/usr/bin/env bash
# GPU run 26 (diagnostic, python tools only): the backward's step copies dealt evenly over the threads
# (StepRows FIRST), and the fast softplus in the sLSTM forward and backward. Run on the GPU machine from the
# repository root: bash bench/scripts/gpu-run-26.sh
set -u
R="$OUT/r"; mkdir -p "$R"
python3 templates/tools/snapshot_cell.py tests/FlashRnn.Gen.Tests/Snapshots/SLstm.verified.g.cs > /tmp/slstm.cuh
SP="timeout 90 python3 templates/tools/step_profile.py"
{ echo "== LSTM fw"; $SP --plan 12,64,1,8,8,8,8
  echo "== sLSTM fw"; $SP --cell-source /tmp/slstm.cuh --plan 12,64,1,8,8,8,8
  echo "== LSTM bw"; $SP --direction backward --plan 12,64,1,8,16,4,8 --plan 12,64,1,8,8,4,8
  echo "== sLSTM bw"; $SP --direction backward --cell-source /tmp/slstm.cuh --plan 12,64,1,8,16,4,8
  echo "== no marks"; $SP --no-marks --plan 12,64,1,8,8,8,8; $SP --no-marks --cell-source /tmp/slstm.cuh --plan 12,64,1,8,8,8,8
  $SP --no-marks --direction backward --plan 12,64,1,8,16,4,8 --plan 12,64,1,8,8,4,8
} > "$R/profile.log" 2>&1
cat "$R/profile.log"
tar czf "$OUT/run26.tgz" -C "$OUT" r
