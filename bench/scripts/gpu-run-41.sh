#!/usr/bin/env bash
# GPU run 41 (diagnostic, python tools only): the forward's global exchange as tagged words through L2
# (fused::TaggedExchange) instead of the counter barrier that run 40 measured at ~700 cycles per peer CTA. LSTM and
# GRU 1x768 with K = 16..96 CTAs per head against the cluster plan; float32 LSTM 12x64 with and without fast math
# (run 40: its cell phase is 2354 of 3682 cycles).
# Run on the GPU machine from the repository root: bash bench/scripts/gpu-run-41.sh
set -u
R="$OUT/r"; mkdir -p "$R"
SP="timeout 200 python3 templates/tools/step_profile.py"
PLANS="--plan 1,768,16,8,6,44,8,1 --plan 1,768,16,8,6,44,8,0 --plan 1,768,32,8,12,24,8,0 --plan 1,768,32,8,6,47,8,0
  --plan 1,768,48,8,8,24,8,0 --plan 1,768,64,8,6,24,8,0 --plan 1,768,32,16,12,24,8,0 --plan 1,768,64,16,12,24,8,0
  --plan 1,768,96,16,8,24,8,0"
{
  $SP $PLANS
  $SP --no-marks $PLANS
  $SP --cell gru --no-marks $PLANS
  $SP --dtype 0 --plan 12,64,1,8,8,8,8 --fast-math 1
  $SP --dtype 0 --no-marks --plan 12,64,1,8,8,8,8 --fast-math 1
  $SP --dtype 0 --direction backward --plan 12,64,1,8,8,8,8 --fast-math 1
} 2>&1 | tee "$R/step_profile.log"
