#!/usr/bin/env bash
# GPU run 59 (session 14): the backward's product over a grid of row blocks x column blocks (FRG_BACKWARD_ROW_BLOCKS).
#  1. Step times, LSTM 1x768 (K 64, BT 8): the row split as ConstrINT picked it (16 warps, RT 6), against KR = 8, 4, 16
#     row blocks (KC = 8, 16, 4) with 16, 12 or 6 warps (ConstrINT's warp split takes only 12 or 6 for them).
#     GRU 1x768 the same way. Then marks (phases) for the row split and two grids.
#  2. The new GPU checks (blocks: against the CPU reference, poisoned outputs), all three dtypes.
#  3. The row split again (the same command as in 1): the spread between two runs in one call.
#  4. If the pack is there: the quick benchmark with cuDNN, ConstrINT now choosing the grid of blocks for 1x768
#     backwards (uncalibrated: no skew charged to the blocks' reduce-scatter).
# Steps 1-3 need no pack (the python tools compile the templates of the tree). ~6 minutes.
# Pack: rm -rf .device && ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
SP="timeout 100 python3 templates/tools/step_profile.py --direction backward"
P=1,768,64,8,16,6,8
{
  echo "== lstm rows (now)"
  $SP --no-marks --define FRG_BACKWARD_ROWS=1 --plan $P
  echo "== lstm blocks KR 8: W 16 RT 6; W 12 RT 12; W 12 RT 6; W 6 RT 24"
  $SP --no-marks --define FRG_BACKWARD_ROW_BLOCKS=8 --plan $P --plan 1,768,64,8,12,12,8 --plan 1,768,64,8,6,24,8
  echo "== lstm blocks KR 4: W 16 RT 6; W 12 RT 12; W 12 RT 9; W 6 RT 24 (ConstrINT's pick)"
  $SP --no-marks --define FRG_BACKWARD_ROW_BLOCKS=4 --plan 1,768,64,8,12,12,8 --plan 1,768,64,8,6,24,8
  echo "== lstm blocks KR 16: W 16 RT 6; W 12 RT 12"
  $SP --no-marks --define FRG_BACKWARD_ROW_BLOCKS=16 --plan 1,768,64,8,12,12,8
  echo "== gru rows (now); blocks KR 8 W 16 RT 6, W 12 RT 6; KR 4 W 16 RT 6, W 12 RT 9 (ConstrINT's pick)"
  $SP --cell gru --no-marks --define FRG_BACKWARD_ROWS=1 --plan $P
  $SP --cell gru --no-marks --define FRG_BACKWARD_ROW_BLOCKS=8 --plan 1,768,64,8,12,6,8
  $SP --cell gru --no-marks --define FRG_BACKWARD_ROW_BLOCKS=4 --plan 1,768,64,8,12,9,8
  echo "== marks: lstm rows, lstm blocks KR 8 W 16, KR 4 W 12 RT 12"
  $SP --define FRG_BACKWARD_ROWS=1 --plan $P
  $SP --define FRG_BACKWARD_ROW_BLOCKS=8 --plan $P
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|resident|rror|phase|cycles" "$R/step_profile.log" | head -90; pack
timeout 200 python3 templates/tools/check_on_gpu.py --jobs 4 --only "blocks" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "FAIL|configurations|rc=" "$R/check.log"; pack
[ "$SECONDS" -lt 200 ] && {
  echo "== lstm rows (again)"
  $SP --no-marks --define FRG_BACKWARD_ROWS=1 --plan $P
  echo "== lstm blocks KR 8 (again)"
  $SP --no-marks --define FRG_BACKWARD_ROW_BLOCKS=8 --plan $P
} > "$R/repeat.log" 2>&1
grep -E "^==|us/step" "$R/repeat.log"; pack
if [ -d .device ] && [ "$SECONDS" -lt 240 ]; then
  timeout 200 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --quick --baselines --time-limit 100 \
    --out "$R/quick" > "$R/quick.log" 2>&1
  echo "quick rc=$?" >> "$R/quick.log"; pack
  grep -E "^│ (lstm|gru|slstm)|first|rc=|configurations ok" "$R/quick.log" | cut -c1-200
fi
