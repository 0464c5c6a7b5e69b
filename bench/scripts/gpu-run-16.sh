#!/usr/bin/env bash
# GPU run 16: the backward ranked as before run 14 (its tilings measured faster that way in run 15); quick
# benchmark with baselines, then the same command again for reproducibility. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-16.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
bench 120 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
for i in 1 2; do bench 45 run --quick --skip-compile-time --out "$R/quick$i" > "$R/quick$i.log" 2>&1; done
grep -E "Total|rc=" "$R/kernel-tests.log"; tail -n 40 "$R/bench.log"; grep -E "configurations ok" "$R"/quick*.log
tar czf "$OUT/run16.tgz" -C "$OUT" r
