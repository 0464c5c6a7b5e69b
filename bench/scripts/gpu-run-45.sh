#!/usr/bin/env bash
# GPU run 45: the spread of LSTM bf16 1x768 forward with the planner's tagged-exchange plan (K=64: 128 CTAs), which
# measured 1.995 ms in run 43 and 2.257 in run 44 (min 1.95 in both): the row three times, 50 timed calls each, and
# GRU 1x768 forward (K=24: 48 CTAs) once for comparison. Same code and packing as run 44.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for i in 1 2 3; do
  bench 60 run --cells lstm --layouts 1x768 --modes fw --dtypes bf16 --batches 16 --seq 1024 --skip-compile-time --reps 50 --out "$R/lstm-$i" > "$R/lstm-$i.log" 2>&1
done
bench 60 run --cells gru --layouts 1x768 --modes fw --dtypes bf16 --batches 16 --seq 1024 --skip-compile-time --reps 50 --out "$R/gru" > "$R/gru.log" 2>&1
grep -hE "^│ (lstm|gru) " "$R"/*.log
