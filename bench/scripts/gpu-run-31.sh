#!/usr/bin/env bash
# GPU run 31: after the review (the round-robin dealing of step copies reverted, StepRows as in session 3). GPU kernel
# tests and the quick benchmark with baselines. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-31.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 90 compile-time > "$R/compile-time.log" 2>&1
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
bench 170 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
grep -E "Total|rc=|\[FAIL\]" "$R/kernel-tests.log" | head -20
grep -A1 "^├" "$R/compile-time.log" | tail -1; grep "compiled in" "$R/compile-time.log"
grep -E "^│ (lstm|gru|slstm)" "$R/bench.log"
tar czf "$OUT/run31.tgz" -C "$OUT" r
