#!/usr/bin/env bash
# GPU run 44: the same code as run 43. Runtime tests, the quick benchmark again (reproducibility against run 43), the
# cold and warm first call, and float32 LSTM 1x768 forward (fused through L2 now; the alternating kernel before).
# Packed here with
#   rm -rf .device/FlashRnn.Kernels.Tests; ../shared/device/pack tests/FlashRnn.Runtime.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-44.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Runtime.Tests/FlashRnn.Runtime.Tests.dll > "$R/runtime-tests.log" 2>&1
echo "runtime tests rc=$?" >> "$R/runtime-tests.log"
bench 250 run --quick --baselines --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
bench 90 run --cells lstm --layouts 1x768 --dtypes fp32 --modes fw,fwbw --batches 16 --seq 1024 --skip-compile-time --out "$R/fp32-1x768" > "$R/fp32-1x768.log" 2>&1
echo "fp32 rc=$?" >> "$R/fp32-1x768.log"
grep -E "Total|rc=|\[FAIL\]" "$R/runtime-tests.log" | head -20
grep -E "^│ (lstm|gru|slstm)|rc=|first call" "$R/bench.log"
grep -E "^│ lstm|rc=" "$R/fp32-1x768.log"
tar czf "$OUT/run44.tgz" -C "$OUT" r
