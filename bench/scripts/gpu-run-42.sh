#!/usr/bin/env bash
# GPU run 42 (diagnostic, python tools only): the planner's new 1x768 forward choices with the tagged exchange
# (LSTM K=64 W=12 RT=12, GRU K=24 W=12 RT=24) against neighbours; the float32 tier (FRG_FAST_MATH=2, now the
# default for float32) on LSTM 12x64 forward and backward, and float32 1x768 forward (fused through L2 now).
# Run on the GPU machine from the repository root: bash bench/scripts/gpu-run-42.sh
set -u
R="$OUT/r"; mkdir -p "$R"
SP="timeout 200 python3 templates/tools/step_profile.py"
python3 templates/tools/snapshot_cell.py tests/FlashRnn.Gen.Tests/Snapshots/SLstm.verified.g.cs > /tmp/slstm.cuh
{
  $SP --no-marks --plan 1,768,64,8,12,12,8,0 --plan 1,768,32,8,12,24,8,0 --plan 1,768,48,8,12,16,8,0 \
      --plan 1,768,24,8,12,32,8,0 --plan 1,768,16,8,6,44,8,1
  $SP --plan 1,768,64,8,12,12,8,0 --plan 1,768,24,8,12,32,8,0
  $SP --cell gru --no-marks --plan 1,768,24,8,12,24,8,0 --plan 1,768,32,8,12,24,8,0 --plan 1,768,48,8,12,16,8,0
  $SP --cell-source /tmp/slstm.cuh --no-marks --plan 1,768,64,8,12,12,8,0 --plan 1,768,32,8,12,24,8,0
  $SP --dtype 0 --no-marks --plan 12,64,1,8,8,8,8 --plan 1,768,64,8,12,6,8,0 --plan 1,768,32,8,12,6,8,0
  $SP --dtype 0 --plan 12,64,1,8,8,8,8
  $SP --dtype 0 --direction backward --plan 12,64,1,8,8,8,8
  $SP --dtype 0 --direction backward --no-marks --plan 12,64,1,8,8,8,8
} 2>&1 | tee "$R/step_profile.log"
