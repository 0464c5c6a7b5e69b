#!/usr/bin/env bash
# GPU run 15: the planner with exact warp splits (WK) and the per-warp shared-sum cost; the cluster push back to one
# chunk per thread; the full benchmark with baselines, run twice for reproducibility. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-15.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
timeout 90 python3 templates/tools/step_profile.py --plan 12,64,1,8,8,8,8 --plan 1,768,16,8,6,44,8 --plan 1,768,16,8,12,24,8 \
  > "$R/step-profile.log" 2>&1
bench 300 run --preset default --baselines --out "$R/bench" > "$R/bench.log" 2>&1
for i in 1 2; do bench 45 run --quick --skip-compile-time --out "$R/quick$i" > "$R/quick$i.log" 2>&1; done
grep -E "Total|rc=" "$R/kernel-tests.log"; cat "$R/step-profile.log"; tail -n 40 "$R/bench.log"; grep -E "configurations ok" "$R"/quick*.log
tar czf "$OUT/run15.tgz" -C "$OUT" r
