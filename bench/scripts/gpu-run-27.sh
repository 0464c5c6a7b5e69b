#!/usr/bin/env bash
# GPU run 27 (diagnostic, python tools only): the backward with two units per thread in its shared-memory epilogue
# (vector loads and stores in the cell phase), against run 26. Also the 1x768 backward plan. Run on the GPU machine from the
# repository root: bash bench/scripts/gpu-run-27.sh
set -u
R="$OUT/r"; mkdir -p "$R"
python3 templates/tools/snapshot_cell.py tests/FlashRnn.Gen.Tests/Snapshots/SLstm.verified.g.cs > /tmp/slstm.cuh
SP="timeout 90 python3 templates/tools/step_profile.py"
{ echo "== LSTM fw"; $SP --plan 12,64,1,8,8,8,8
  echo "== sLSTM fw"; $SP --cell-source /tmp/slstm.cuh --plan 12,64,1,8,8,8,8
  echo "== LSTM bw"; $SP --direction backward --plan 12,64,1,8,16,4,8 --plan 12,64,1,8,8,4,8 --plan 12,64,1,8,8,16,8 --plan 12,64,1,8,4,16,8
  echo "== LSTM bw 1x768"; $SP --direction backward --plan 1,768,16,8,8,38,1,1
  echo "== sLSTM bw"; $SP --direction backward --cell-source /tmp/slstm.cuh --plan 12,64,1,8,16,4,8
  echo "== no marks"; $SP --no-marks --plan 12,64,1,8,8,8,8; $SP --no-marks --cell-source /tmp/slstm.cuh --plan 12,64,1,8,8,8,8
  $SP --no-marks --direction backward --plan 12,64,1,8,16,4,8 --plan 12,64,1,8,8,4,8
} > "$R/profile.log" 2>&1
cat "$R/profile.log"
tar czf "$OUT/run27.tgz" -C "$OUT" r
