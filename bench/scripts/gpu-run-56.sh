#!/usr/bin/env bash
# GPU run 56 (session 12): the planner's row-split backward end to end. The GPU check of the rows configurations
# (late staging now the default; warp-scoped collects); step times of the plans ConstrINT now picks (LSTM/GRU 1x768 rows with 16 warps;
# LSTM 3x256 in a 4-CTA cluster against run 55's 8); the GPU tests; the quick rows with cuDNN in the same process and
# the first call (compile-time series, empty caches). ~6 minutes.
# Packed here with rm -rf .device; ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests; run
# from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
timeout 200 python3 templates/tools/check_on_gpu.py --only rows --jobs 8 > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; tail -2 "$R/check.log"; pack
SP="timeout 100 python3 templates/tools/step_profile.py --direction backward"
ROWS="--define FRG_BACKWARD_ROWS=1"
{
  echo "== rows, late staging by default: LSTM W16 RT6, W12 RT16; GRU W16 RT6, W12 RT12"
  $SP --no-marks $ROWS --plan 1,768,64,8,16,6,8 --plan 1,768,64,8,12,16,8
  $SP --no-marks --cell gru $ROWS --plan 1,768,64,8,16,6,8 --plan 1,768,64,8,12,12,8
  echo "== rows, each warp collecting its own columns (FRG_ROWS_WARP_COLLECT=1): LSTM, GRU W16 RT6"
  $SP --no-marks $ROWS --define FRG_ROWS_WARP_COLLECT=1 --plan 1,768,64,8,16,6,8
  $SP --no-marks --cell gru $ROWS --define FRG_ROWS_WARP_COLLECT=1 --plan 1,768,64,8,16,6,8
  echo "== LSTM 3x256 clusters of 4 (ConstrINT now) and 8 (before)"
  $SP --no-marks --plan 3,256,4,8,8,32,8 --plan 3,256,8,8,4,32,8
} > "$R/step_profile.log" 2>&1
cat "$R/step_profile.log"; pack
timeout 170 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$?" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 200 run --quick --baselines --time-limit 110 --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru|slstm)|compile|first|rc=|configurations ok" "$R/quick.log" | cut -c1-200; pack
