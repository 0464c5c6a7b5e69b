#!/usr/bin/env bash
# GPU run 12: the input ring (FRG_INPUT_STAGES). Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-12.sh
# Correctness first (GPU vs float64 reference), then the ring depth at ConstrINT's tiling, then the quick benchmark.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,driver_version --format=csv > "$R/gpu.txt" 2>&1
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
for layout in 12x64 1x768; do
  for dir in fw bw; do
    bench 120 plans --cell lstm --dtype bf16 --layout $layout --direction $dir --tilings planner --stages 2,3,4,6,8 \
      --reps 20 --out "$R/plans" >> "$R/plans.log" 2>&1
  done
done
bench 60 plans --cell gru --dtype bf16 --layout 1x768 --direction fw --tilings planner --stages 2,4,8 --reps 20 --out "$R/plans" >> "$R/plans.log" 2>&1
bench 200 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
tail -n 30 "$R/kernel-tests.log" | grep -E "Total|rc=" ; grep -E "ms$|chose|best" "$R/plans.log"; tail -n 45 "$R/bench.log"
tar czf "$OUT/run12.tgz" -C "$OUT" r
