#!/usr/bin/env bash
# GPU run 21: copy sources, output pointers and ring slots carried from step to step (run 20's SASS showed the
# compiler recomputing t-derived 64-bit addresses in the backward). GPU kernel tests, per-phase cycles, the
# backward's and forward's candidate tilings at LSTM bf16 12x64 (plans), and the quick benchmark with baselines.
# Packed here with ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench and run on the GPU
# machine from the repository root with .device carried: bash bench/scripts/gpu-run-21.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
P="--plan 12,64,1,8,8,8,8 --plan 1,768,16,8,6,44,8 --plan 48,16,1,16,4,1,8"
{ timeout 60 python3 templates/tools/step_profile.py $P; timeout 60 python3 templates/tools/step_profile.py --no-marks $P; } > "$R/step-profile.log" 2>&1
bench 150 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
bench 150 plans --cell lstm --dtype bf16 --layout 12x64 --direction bw --reps 5 --out "$R/plans" > "$R/plans-12x64-bw.log" 2>&1
bench 100 plans --cell lstm --dtype bf16 --layout 12x64 --direction fw --reps 5 --out "$R/plans" > "$R/plans-12x64-fw.log" 2>&1
grep -E "Total|rc=" "$R/kernel-tests.log"; cat "$R/step-profile.log"; tail -n 40 "$R/bench.log"
tail -n 4 "$R/plans-12x64-bw.log" "$R/plans-12x64-fw.log"
tar czf "$OUT/run21.tgz" -C "$OUT" r
