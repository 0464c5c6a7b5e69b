#!/usr/bin/env bash
# GPU run 59 (session 14): the backward's product over a grid of row blocks x column blocks (FRG_BACKWARD_ROW_BLOCKS).
# Device starts failed all session long and left ~6 minutes of device time, so the parts go by priority, each packed
# as it ends and each later one only if time is left:
#  1. Step times, LSTM 1x768 (K 64, BT 8): the row split as ConstrINT picked it (16 warps, RT 6) against KR 8 row
#     blocks (16 warps RT 6; 12 warps RT 12) and KR 4 (6 warps RT 24, ConstrINT's pick); GRU: rows against KR 4
#     (12 warps RT 9, ConstrINT's pick).
#  2. The new GPU checks (blocks against the CPU reference, poisoned outputs), bfloat16, then all dtypes.
#  3. More grids (KR 16; KR 8 with 6 warps; GRU KR 8), then marks (phases) for rows and KR 8.
#  4. The first two plans again: the spread between two runs in one call.
# No pack needed: the python tools compile the templates of the tree.
set -u
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
SP="timeout 100 python3 templates/tools/step_profile.py --direction backward --no-marks"
P=1,768,64,8,16,6,8
{
  echo "== lstm rows (now)"
  $SP --define FRG_BACKWARD_ROWS=1 --plan $P
  echo "== lstm blocks KR 8: W 16 RT 6; W 12 RT 12"
  $SP --define FRG_BACKWARD_ROW_BLOCKS=8 --plan $P --plan 1,768,64,8,12,12,8
  echo "== lstm blocks KR 4: W 6 RT 24 (ConstrINT's pick)"
  $SP --define FRG_BACKWARD_ROW_BLOCKS=4 --plan 1,768,64,8,6,24,8
  echo "== gru rows (now); blocks KR 4 W 12 RT 9 (ConstrINT's pick)"
  $SP --cell gru --define FRG_BACKWARD_ROWS=1 --plan $P
  $SP --cell gru --define FRG_BACKWARD_ROW_BLOCKS=4 --plan 1,768,64,8,12,9,8
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|resident|rror" "$R/step_profile.log" | head -40; pack
timeout 100 python3 templates/tools/check_on_gpu.py --jobs 5 --only "blocks.*bf16" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "FAIL|configurations|rc=" "$R/check.log"; pack
if [ "$SECONDS" -lt 250 ]; then
  timeout 100 python3 templates/tools/check_on_gpu.py --jobs 5 --only "blocks.*(f16|f32)" > "$R/check2.log" 2>&1
  echo "check rc=$?" >> "$R/check2.log"; grep -E "FAIL|configurations|rc=" "$R/check2.log"; pack
fi
if [ "$SECONDS" -lt 300 ]; then
  {
    echo "== lstm blocks KR 16 W 12 RT 12; KR 8 W 6 RT 24; gru KR 8 W 12 RT 6"
    $SP --define FRG_BACKWARD_ROW_BLOCKS=16 --plan 1,768,64,8,12,12,8
    $SP --define FRG_BACKWARD_ROW_BLOCKS=8 --plan 1,768,64,8,6,24,8
    $SP --cell gru --define FRG_BACKWARD_ROW_BLOCKS=8 --plan 1,768,64,8,12,6,8
  } > "$R/step_profile2.log" 2>&1
  grep -E "^==|us/step|rror" "$R/step_profile2.log"; pack
fi
if [ "$SECONDS" -lt 360 ]; then
  MK="timeout 100 python3 templates/tools/step_profile.py --direction backward"
  { $MK --define FRG_BACKWARD_ROWS=1 --plan $P; $MK --define FRG_BACKWARD_ROW_BLOCKS=8 --plan $P; } > "$R/marks.log" 2>&1
  grep -E "us/step|phase|cycles" "$R/marks.log" | head -30; pack
fi
if [ "$SECONDS" -lt 420 ]; then
  { echo "== lstm rows (again)"; $SP --define FRG_BACKWARD_ROWS=1 --plan $P
    echo "== lstm blocks KR 8 (again)"; $SP --define FRG_BACKWARD_ROW_BLOCKS=8 --plan $P; } > "$R/repeat.log" 2>&1
  grep -E "^==|us/step" "$R/repeat.log"; pack
fi
