#!/usr/bin/env bash
# GPU run 50 (session 9, H100): the planner fixes made from runs 47-49. (1) GRU bf16 1x768 forward at K32 W12
# (run 49's `plans`: K32 tilings 1.69 ms, the K48 W6 plan 2.27); (2) batches above the build-time plan's tiles are
# planned again (run 48: LSTM 1x768 at B=32..256 fell back to the alternating kernel, 40-48 ms); (3) the quick rows
# once more, with cuDNN in the same process, for the README and the reproducibility the notes state. ~6 minutes.
# Correctness first: the GPU test suites (every cell x dtype x layout against float64, now with TF32 products).
# Packed here with ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench (the runtime tests too
# would pass the 64 MiB a call may carry); run from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
for t in Kernels; do
  timeout 120 bash .device/on-device dotnet .device/FlashRnn.$t.Tests/FlashRnn.$t.Tests.dll > "$R/$t-tests.log" 2>&1
  echo "$t tests rc=$?" >> "$R/$t-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/$t-tests.log" | head -20
done
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 150 run --quick --baselines --time-limit 100 --skip-compile-time --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"
bench 110 run --cells lstm,gru --layouts 1x768 --dtypes bf16 --batches 32,64,128,256 --seq 1024 --skip-compile-time \
  --no-plots --out "$R/batch" > "$R/batch.log" 2>&1
echo "batch rc=$?" >> "$R/batch.log"
grep -E "^│ (lstm|gru|slstm)|rc=|configurations ok" "$R/quick.log" "$R/batch.log"
cd "$OUT" && tar czf r.tgz r && rm -rf r  # at most 8 files come back
