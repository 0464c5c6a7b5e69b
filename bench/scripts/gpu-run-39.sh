#!/usr/bin/env bash
# GPU run 39: the final code of session 5 (run 38's load reordering in the GEMM engine reverted: frg_grad_r took the
# same 207 us with it, at twice the registers). The quick benchmark with baselines, and the cold first call twice.
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# Run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-39.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for i in 1 2; do bench 90 compile-time > "$R/compile-time-$i.log" 2>&1; done
bench 200 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
for i in 1 2; do grep -A4 "^├" "$R/compile-time-$i.log" | head -2; grep "compiled in" "$R/compile-time-$i.log"; done
grep -E "^│ (lstm|gru|slstm)|rc=" "$R/bench.log"
tar czf "$OUT/run39.tgz" -C "$OUT" r
