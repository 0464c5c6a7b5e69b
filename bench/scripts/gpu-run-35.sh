#!/usr/bin/env bash
# GPU run 35: the runtime's GPU tests after summed gates and the once-per-module launch facts (GpuRecurrence,
# ModuleFacts), the cold first-call probe twice, and the quick benchmark again (reproducibility against run 34).
# Same pack as gpu-run-34.sh. Run on the GPU machine from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for i in 1 2; do rm -rf /tmp/frc; bench 90 compile-time > "$R/compile-time-$i.log" 2>&1; done
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Runtime.Tests/FlashRnn.Runtime.Tests.dll > "$R/runtime-tests.log" 2>&1
echo "runtime tests rc=$?" >> "$R/runtime-tests.log"
bench 200 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
grep -E "Total|rc=|\[FAIL\]" "$R/runtime-tests.log" | head -20
for i in 1 2; do grep -A4 "^├" "$R/compile-time-$i.log" | head -2; grep "compiled in" "$R/compile-time-$i.log"; done
grep -E "^│ (lstm|gru|slstm)|rc=" "$R/bench.log"
tar czf "$OUT/run35.tgz" -C "$OUT" r
