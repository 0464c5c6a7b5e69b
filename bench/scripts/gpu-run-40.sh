#!/usr/bin/env bash
# GPU run 40 (diagnostic, python tools only): what the 1x768 forward's exchange costs through the cluster (the
# planner's choice: K=16 BT=8 W=6 RT=44) against the global-memory group barrier, and what more CTAs per head (K=32,
# 48, 64: R then fits registers) would give if the exchange were cheap. Also the float32 LSTM 12x64 forward's phases
# (float32 forward is 5.5x bfloat16; target 1.5x).
# Run on the GPU machine from the repository root: bash bench/scripts/gpu-run-40.sh
set -u
R="$OUT/r"; mkdir -p "$R"
SP="timeout 150 python3 templates/tools/step_profile.py"
{
  # NH,DH,K,BT,W,RT,STAGES,CLUSTER
  $SP --plan 1,768,16,8,6,44,8,1 --plan 1,768,16,8,6,44,8,0 --plan 1,768,32,8,6,47,8,0 --plan 1,768,32,8,12,24,8,0 \
      --plan 1,768,48,8,8,24,8,0 --plan 1,768,64,8,6,24,8,0 --plan 1,768,32,16,12,24,8,0
  $SP --no-marks --plan 1,768,16,8,6,44,8,1 --plan 1,768,32,8,12,24,8,0 --plan 1,768,48,8,8,24,8,0
  $SP --dtype 0 --plan 12,64,1,8,8,8,8
  $SP --dtype 0 --no-marks --plan 12,64,1,8,8,8,8
  $SP --dtype 0 --direction backward --plan 12,64,1,8,8,8,8
} 2>&1 | tee "$R/step_profile.log"
