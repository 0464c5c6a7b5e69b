#!/usr/bin/env bash
# GPU run 36 (diagnostic): where the LSTM bf16 12x64 forward+backward goes besides the two fused kernels. Run 34:
# fwbw 1.68 ms, while the training forward (0.47 us/step, run 33) and the backward (0.78 us/step, run 34) account for
# ~1.28 ms. A per-kernel GPU time summary of the benchmark's row (nsys if present, else ncu's duration metric).
# Same pack as gpu-run-35.sh. Run on the GPU machine from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
ROW="run --cells lstm --layouts 12x64 --modes fwbw --dtypes bf16 --batches 16 --seq 1024 --skip-compile-time --reps 10 --warmup 2"
B="bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll"
{ which nsys ncu; nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm --format=csv; } > "$R/tools.log" 2>&1
if command -v nsys > /dev/null; then
  timeout 300 nsys profile --force-overwrite true -o /tmp/p $B $ROW > "$R/nsys-run.log" 2>&1
  timeout 120 nsys stats --report cuda_gpu_kern_sum,cuda_api_sum,cuda_gpu_mem_time_sum --format csv /tmp/p.nsys-rep > "$R/nsys-stats.csv" 2>&1
  timeout 120 nsys stats --report cuda_gpu_trace --format csv /tmp/p.nsys-rep > "$R/nsys-trace.csv" 2>&1
else
  timeout 400 ncu --metrics gpu__time_duration.sum -k regex:frg_ -c 40 $B $ROW > "$R/ncu.log" 2>&1
fi
cat "$R/tools.log"; grep -E "frg_|Kernel|Name" "$R/nsys-stats.csv" 2>/dev/null | head -30
grep -E "frg_|gpu__time" "$R/ncu.log" 2>/dev/null | head -60
tar czf "$OUT/run36.tgz" -C "$OUT" r
