#!/usr/bin/env bash
# GPU run 43: the forward's tagged exchange through L2 (the planner now takes it for 1x768: LSTM K=64, GRU K=24) and
# the float32 math tier (FRG_FAST_MATH=2). GPU kernel tests, check_on_gpu.py on the GPU (every fused configuration,
# including the global-exchange ones, now with the runtime's math levels), and the quick benchmark with baselines.
# Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-43.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
timeout 110 python3 templates/tools/check_on_gpu.py --jobs 8 --timeout 60 > "$R/check_on_gpu.log" 2>&1
echo "check_on_gpu rc=$?" >> "$R/check_on_gpu.log"
bench 260 run --quick --baselines --skip-compile-time --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
grep -E "Total|rc=|\[FAIL\]" "$R/kernel-tests.log" | head -20
grep -E "FAIL|configurations|rc=" "$R/check_on_gpu.log" | head -20
grep -E "^│ (lstm|gru|slstm)|rc=" "$R/bench.log"
tar czf "$OUT/run43.tgz" -C "$OUT" r
