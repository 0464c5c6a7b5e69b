#!/usr/bin/env bash
# GPU run 28: after the backward's two-unit epilogue, the evenly dealt step copies, the fast softplus and the
# recalibrated backward planner. Cold compile-time probe, GPU kernel tests, the quick benchmark with baselines, and
# the 12x64 backward plan sweep (is the planner's new choice the best candidate?). Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-28.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 90 compile-time > "$R/compile-time.log" 2>&1
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
bench 170 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
bench 150 plans --cell lstm --dtype bf16 --layout 12x64 --direction bw --reps 5 --out "$R/plans" > "$R/plans-12x64-bw.log" 2>&1
grep -E "Total|rc=|FAIL|\[FAIL\]" "$R/kernel-tests.log" | head -20; grep -A7 "First call" "$R/compile-time.log"; tail -n 40 "$R/bench.log"
sort -t: -k2 -n "$R/plans-12x64-bw.log" | head -8
tar czf "$OUT/run28.tgz" -C "$OUT" r
