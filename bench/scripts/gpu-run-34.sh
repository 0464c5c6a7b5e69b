#!/usr/bin/env bash
# GPU run 34: after staged stores in the forward (gpu-run-32/33) and summed gates (dR from dWx, no drec stores in the
# fused backward). GPU kernel tests, the quick benchmark with baselines, and the backward step profile of LSTM 12x64
# (W=8 RT=8, as in run 27: 1420 cycles). Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests tests/FlashRnn.Runtime.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-34.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
bench 200 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
{ timeout 60 python3 templates/tools/step_profile.py --direction backward --plan 12,64,1,8,8,8,8
  timeout 60 python3 templates/tools/step_profile.py --direction backward --plan 12,64,1,8,8,8,8 --no-marks
} > "$R/profile.log" 2>&1
grep -E "Total|rc=|\[FAIL\]" "$R/kernel-tests.log" | head -20
grep -E "^│ (lstm|gru|slstm)|rc=" "$R/bench.log"
cat "$R/profile.log"
tar czf "$OUT/run34.tgz" -C "$OUT" r
