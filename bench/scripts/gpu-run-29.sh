#!/usr/bin/env bash
# GPU run 29: the runtime's GPU tests (last run in run 17, before the background compiles), and the cold first-call
# probe three more times (run 28 measured 1010 ms, the grad_gemm program being the longest compile at 800 ms; runs
# 19-23 measured 543-797 ms). Packed here with
#   ../shared/device/pack tests/FlashRnn.Runtime.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-29.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for i in 1 2 3; do bench 90 compile-time > "$R/compile-time-$i.log" 2>&1; done
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Runtime.Tests/FlashRnn.Runtime.Tests.dll > "$R/runtime-tests.log" 2>&1
echo "runtime tests rc=$?" >> "$R/runtime-tests.log"
grep -E "Total|rc=|\[FAIL\]" "$R/runtime-tests.log" | head -20
for i in 1 2 3; do grep -A4 "^├" "$R/compile-time-$i.log" | head -2; grep "compiled in" "$R/compile-time-$i.log"; done
tar czf "$OUT/run29.tgz" -C "$OUT" r
