#!/usr/bin/env bash
# GPU run 13: where a fused forward step's time goes (templates/tools/step_profile.py), after moving the input
# request behind the product and loading every pair before any cell math. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-13.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
timeout 240 python3 templates/tools/step_profile.py --plan 12,64,1,8,16,4,8 --plan 12,64,1,8,8,16,8 --plan 12,64,1,8,4,16,8 \
  --plan 12,64,1,8,16,4,2 --plan 48,16,1,8,4,4,8 --plan 1,768,16,8,12,24,8 > "$R/step-profile.log" 2>&1
timeout 60 python3 templates/tools/step_profile.py --cell gru --plan 1,768,16,8,12,24,8 >> "$R/step-profile.log" 2>&1
bench 150 plans --cell lstm --dtype bf16 --layout 12x64 --direction fw --stages 8 --reps 10 --out "$R/plans" > "$R/plans.log" 2>&1
bench 200 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
grep -E "Total|rc=" "$R/kernel-tests.log"; cat "$R/step-profile.log"; grep -E "chose|best" "$R/plans.log"; tail -n 45 "$R/bench.log"
tar czf "$OUT/run13.tgz" -C "$OUT" r
