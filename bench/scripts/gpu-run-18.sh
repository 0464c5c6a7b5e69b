#!/usr/bin/env bash
# GPU run 18: the fused kernels with per-thread step-0 copy sources and output pointers worked out before the time
# loop (fused::StepRows; run 17 showed per-step address arithmetic and copy-loop overhead at ~400 of 1160 cycles of
# a 12x64 forward step). GPU kernel tests first, per-phase cycles, cold NVRTC timings (unique sources: no NVRTC cache
# hits) with and without -minimal, the quick benchmark with baselines and the compile-time probe. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-18.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
P="--plan 12,64,1,8,8,8,8 --plan 12,64,1,16,16,4,8 --plan 1,768,16,8,6,44,8 --plan 48,16,1,16,8,16,8 --plan 48,16,1,8,4,4,8"
{ timeout 90 python3 templates/tools/step_profile.py $P; timeout 60 python3 templates/tools/step_profile.py --no-marks $P; } > "$R/step-profile.log" 2>&1
{ timeout 60 python3 templates/tools/nvrtc_timing.py --repeats 2 --cold
  timeout 60 python3 templates/tools/nvrtc_timing.py --repeats 2 --cold --option -minimal; } > "$R/nvrtc-timing.log" 2>&1
bench 150 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
bench 60 compile-time > "$R/compile-time.log" 2>&1
grep -E "Total|rc=" "$R/kernel-tests.log"; cat "$R/step-profile.log" "$R/nvrtc-timing.log"; tail -n 42 "$R/bench.log"
grep -A3 "process" "$R/compile-time.log" | head -20
tar czf "$OUT/run18.tgz" -C "$OUT" r
