#!/usr/bin/env bash
# GPU run 38: the GEMM engine loads every run of a k-tile before storing any (one DRAM latency per tile instead of
# one per run; frg_grad_r now 128 registers instead of 64). Run 37: frg_grad_r 208 us under ncu. GPU kernel tests, the quick
# benchmark with baselines, and ncu's duration of each kernel of the LSTM 12x64 fwbw row again. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-38.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
bench 200 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
ROW="run --cells lstm --layouts 12x64 --modes fwbw --dtypes bf16 --batches 16 --seq 1024 --skip-compile-time --reps 3 --warmup 1"
timeout 200 ncu --metrics gpu__time_duration.sum -k regex:frg_ -c 12 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll $ROW > "$R/ncu.log" 2>&1
grep -E "Total|rc=|\[FAIL\]" "$R/kernel-tests.log" | head -20
grep -E "^│ (lstm|gru|slstm)|rc=" "$R/bench.log"
grep -E "^  frg_|gpu__time" "$R/ncu.log" | tail -16
tar czf "$OUT/run38.tgz" -C "$OUT" r
