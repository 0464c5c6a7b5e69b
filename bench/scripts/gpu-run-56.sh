#!/usr/bin/env bash
# GPU run 56 (session 12): the planner's row-split backward end to end, in order of importance for a short lease:
# the quick rows with cuDNN in the same process and the first call (compile-time series, empty caches); step times
# of the plans ConstrINT now picks (LSTM/GRU 1x768 rows with 16 warps, late staging by default) and of the
# warp-scoped collect (FRG_ROWS_WARP_COLLECT); LSTM 3x256 in a 4-CTA cluster against run 55's 8; the GPU tests.
# ~6 minutes. Packed here with rm -rf .device; ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests;
# run from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 170 run --quick --baselines --time-limit 100 --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru|slstm)|compile|first|rc=|configurations ok" "$R/quick.log" | cut -c1-200; pack
SP="timeout 60 python3 templates/tools/step_profile.py --direction backward --no-marks"
ROWS="--define FRG_BACKWARD_ROWS=1"
{
  echo "== rows (late staging by default), then each warp collecting its own columns: LSTM, GRU K 64 BT 8 W 16 RT 6"
  $SP $ROWS --plan 1,768,64,8,16,6,8
  $SP $ROWS --define FRG_ROWS_WARP_COLLECT=1 --plan 1,768,64,8,16,6,8
  $SP --cell gru $ROWS --plan 1,768,64,8,16,6,8
  $SP --cell gru $ROWS --define FRG_ROWS_WARP_COLLECT=1 --plan 1,768,64,8,16,6,8
  echo "== LSTM 3x256 clusters of 4 (ConstrINT now) and 8 (before)"
  $SP --plan 3,256,4,8,8,32,8 --plan 3,256,8,8,4,32,8
} > "$R/step_profile.log" 2>&1
cat "$R/step_profile.log"; pack
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$?" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
