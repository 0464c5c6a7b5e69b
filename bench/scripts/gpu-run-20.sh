#!/usr/bin/env bash
# GPU run 20: where the fused backward's steps go (ncu source counters of a full-size launch, LSTM bf16 12x64 and
# 1x768, B=16 T=1024), and the compile-time probe twice with its children's CUDA_CACHE_PATH isolated (both should
# be cold now). Packed here with ../shared/device/pack samples/FlashRnn.Bench and run on the GPU machine from the
# repository root with .device carried: bash bench/scripts/gpu-run-20.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for i in 1 2; do bench 90 compile-time > "$R/compile-time-$i.log" 2>&1; done
for layout in 12x64 1x768; do
  timeout 200 ncu --target-processes all -k regex:frg_fused_backward --launch-skip 1 -c 1 \
    --section SourceCounters --section WarpStateStats --section SchedulerStats --section SpeedOfLight -o "$R/ncu-bw-$layout" \
    bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --cells lstm --dtypes bf16 --layouts $layout \
    --modes fwbw --reps 1 --warmup 0 --skip-compile-time --out /tmp/nb-$layout > "$R/ncu-bw-$layout.log" 2>&1
  timeout 60 ncu -i "$R/ncu-bw-$layout.ncu-rep" --page source --print-source sass --csv > "$R/ncu-bw-$layout-sass.csv" 2>&1
  timeout 60 ncu -i "$R/ncu-bw-$layout.ncu-rep" --page details --print-details all > "$R/ncu-bw-$layout-details.txt" 2>&1
  rm -f "$R/ncu-bw-$layout.ncu-rep"
done
grep -h -A7 "First call" "$R"/compile-time-*.log; grep -h -E "Duration|Warp Cycles Per Issued" "$R"/ncu-bw-*-details.txt
tar czf "$OUT/run20.tgz" -C "$OUT" r
