#!/usr/bin/env bash
# GPU run 55 (session 12): late staging of the backward's inputs (FRG_BACKWARD_LATE_STAGING) in both splits, and the
# plans the recalibrated planner would pick (rows with 16 warps; GRU 1x768 in a 16-CTA cluster; 3x256) against the
# measured ones, before the planner's choice is settled. Step times without marks, LSTM/GRU bf16, B 16, T 1024.
# Needs only python3 and the templates. ~1.5 minutes.
set -u
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
SP="timeout 100 python3 templates/tools/step_profile.py --direction backward --no-marks"
ROWS="--define FRG_BACKWARD_ROWS=1"
LATE="--define FRG_BACKWARD_LATE_STAGING=1"
{
  echo "== lstm 1x768 rows: W12 RT16, W16 RT6; then late staging"
  $SP $ROWS --plan 1,768,64,8,12,16,8 --plan 1,768,64,8,16,6,8
  $SP $ROWS $LATE --plan 1,768,64,8,12,16,8 --plan 1,768,64,8,16,6,8 --plan 1,768,48,8,12,16,8
  echo "== lstm 1x768 columns; late staging"
  $SP --plan 1,768,64,8,12,12,8
  $SP $LATE --plan 1,768,64,8,12,12,8
  echo "== gru 1x768: rows K64, late; cluster K16 (columns)"
  $SP --cell gru $ROWS --plan 1,768,64,8,12,12,8
  $SP --cell gru $ROWS $LATE --plan 1,768,64,8,12,12,8
  $SP --cell gru --plan 1,768,16,8,8,39,8
  echo "== lstm 3x256: cluster K8 W4 RT32 (columns), rows K16 W8, rows K8 W8; late"
  $SP --plan 3,256,8,8,4,32,8
  $SP $ROWS --plan 3,256,16,8,8,16,8,0 --plan 3,256,8,8,8,16,8,0 --plan 3,256,16,8,4,32,8,0
  $SP $ROWS $LATE --plan 3,256,16,8,8,16,8,0 --plan 3,256,8,8,8,16,8,0
  echo "== lstm 6x128: cluster K4 W4 RT16 (columns), rows K4/K8 global; 12x64 K1 late"
  $SP --plan 6,128,4,8,4,16,8
  $SP $ROWS --plan 6,128,4,8,4,16,8,0 --plan 6,128,8,8,4,16,8,0
  $SP --plan 12,64,1,8,8,8,8
  $SP $LATE --plan 12,64,1,8,8,8,8
} > "$R/step_profile.log" 2>&1
cat "$R/step_profile.log"; pack
