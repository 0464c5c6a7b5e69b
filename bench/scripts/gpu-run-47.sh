#!/usr/bin/env bash
# GPU run 47: the backward's partial sums as tagged words through L2 (fused::TaggedPartials) instead of the counter
# barrier, so the planner takes 1x768 backwards out of the 16-CTA cluster (LSTM: K = 64, GRU: K = 48, R in
# registers). check_on_gpu.py (every kernel path against float64, new global-backward configurations), the backward's
# per-phase profile of LSTM/GRU 1x768 with the new plans against the cluster plan, and the quick benchmark.
# Packed here with
#   rm -rf .device/FlashRnn.Runtime.Tests .device/FlashRnn.Kernels.Tests; ../shared/device/pack samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-47.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
timeout 120 python3 templates/tools/check_on_gpu.py --jobs 8 --timeout 60 > "$R/check_on_gpu.log" 2>&1
echo "check_on_gpu rc=$?" >> "$R/check_on_gpu.log"
grep -E "FAIL|configurations|rc=" "$R/check_on_gpu.log" | head -20
SP="timeout 100 python3 templates/tools/step_profile.py --direction backward"
# NH,DH,K,BT,W,RT,STAGES[,CLUSTER]: the new LSTM plan (K = 64), K = 48, and the old cluster plan
PLANS="--plan 1,768,64,8,12,12,8 --plan 1,768,48,8,12,16,8 --plan 1,768,16,8,8,38,2,1"
{
  $SP $PLANS
  $SP --no-marks $PLANS
  $SP --cell gru --plan 1,768,48,8,12,12,8 --plan 1,768,24,8,12,12,8
  $SP --cell gru --no-marks --plan 1,768,48,8,12,12,8 --plan 1,768,24,8,12,12,8
} > "$R/step_profile.log" 2>&1
grep -E "us/step|error|Error" "$R/step_profile.log" | head -30
timeout 270 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --quick --baselines --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
grep -E "^│ (lstm|gru|slstm)|rc=|first call" "$R/bench.log"
