#!/usr/bin/env bash
# GPU run 30: frg_recompute_gates moved out of grad_gemm.cu into its own program (a training step no longer compiles
# it). The cold first-call probe three times, the GPU kernel tests (the recompute path included), and the quick
# benchmark with baselines again (reproducibility against run 28). Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-30.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for i in 1 2 3; do bench 90 compile-time > "$R/compile-time-$i.log" 2>&1; done
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
bench 170 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
grep -E "Total|rc=|\[FAIL\]" "$R/kernel-tests.log" | head -20
for i in 1 2 3; do grep -A1 "^├" "$R/compile-time-$i.log" | tail -1; grep "compiled in" "$R/compile-time-$i.log"; done
grep -E "^│ (lstm|gru|slstm)" "$R/bench.log"
tar czf "$OUT/run30.tgz" -C "$OUT" r
