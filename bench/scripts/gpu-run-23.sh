#!/usr/bin/env bash
# GPU run 23: after the review (one copy mechanism in the templates; background compiles skipped without hashing
# once requested). GPU kernel tests, the quick benchmark with baselines, and the compile-time probe. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-23.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 90 compile-time > "$R/compile-time.log" 2>&1
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
bench 150 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
grep -E "Total|rc=" "$R/kernel-tests.log"; grep -A7 "First call" "$R/compile-time.log"; tail -n 40 "$R/bench.log"
tar czf "$OUT/run23.tgz" -C "$OUT" r
