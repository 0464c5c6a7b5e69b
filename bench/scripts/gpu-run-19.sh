#!/usr/bin/env bash
# GPU run 19: first-call compile time measured cold (the probe first, before anything compiles its kernels; NVRTC's
# own cache located; cold NVRTC timings with unique PTX, with and without -minimal, serial and three at once), the
# runtime now asking for -minimal (NVRTC >= 12.4) and compiling a training step's backward kernels in the background;
# GPU kernel and runtime tests; ncu source counters of the 12x64 fused backward. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench   (the runtime tests too when the carry allows)
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-19.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
touch /tmp/before-nvrtc; sleep 1
bench 90 compile-time > "$R/compile-time.log" 2>&1
find / -xdev -newer /tmp/before-nvrtc -type f -not -path '/proc/*' -not -path '/sys/*' -not -path "$OUT/*" -not -path '/tmp/dotnet/*' \
  2>/dev/null | head -40 > "$R/files-written-by-first-call.log"
{ timeout 90 python3 templates/tools/nvrtc_timing.py --repeats 3 --cold
  timeout 90 python3 templates/tools/nvrtc_timing.py --repeats 3 --cold --option=-minimal; } > "$R/nvrtc-timing.log" 2>&1
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
[ -d .device/FlashRnn.Runtime.Tests ] && timeout 100 bash .device/on-device dotnet .device/FlashRnn.Runtime.Tests/FlashRnn.Runtime.Tests.dll > "$R/runtime-tests.log" 2>&1
echo "runtime tests rc=$?" >> "$R/runtime-tests.log"
timeout 150 ncu --target-processes all -k regex:frg_fused_backward -c 1 \
  --section SourceCounters --section WarpStateStats --section SchedulerStats --section SpeedOfLight -o "$R/ncu-bw-12x64" \
  bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --cells lstm --dtypes bf16 --layouts 12x64 \
  --modes fwbw --reps 1 --warmup 0 --skip-compile-time --out /tmp/nb > "$R/ncu-bw.log" 2>&1
timeout 60 ncu -i "$R/ncu-bw-12x64.ncu-rep" --page source --print-source sass --csv > "$R/ncu-bw-12x64-sass.csv" 2>&1
timeout 60 ncu -i "$R/ncu-bw-12x64.ncu-rep" --page details --print-details all > "$R/ncu-bw-12x64-details.txt" 2>&1
rm -f "$R/ncu-bw-12x64.ncu-rep"
grep -A12 "First call" "$R/compile-time.log"; cat "$R/files-written-by-first-call.log" "$R/nvrtc-timing.log"
grep -E "Total|rc=|FAIL|\[FAIL\]" "$R/kernel-tests.log" "$R/runtime-tests.log" | head -20
tar czf "$OUT/run19.tgz" -C "$OUT" r
