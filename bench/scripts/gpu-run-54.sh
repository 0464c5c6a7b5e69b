#!/usr/bin/env bash
# GPU run 54 (session 12): the backward split by rows of R (FRG_BACKWARD_ROWS=1) against the column split on the same
# machine: the GPU check of the rows configurations, then per-step times (no marks) and phase marks for LSTM and GRU
# bf16 1x768, B 16, T 1024. Needs only python3 and the templates (no .device). ~3 minutes.
set -u
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
timeout 200 python3 templates/tools/check_on_gpu.py --only rows --jobs 8 > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; tail -3 "$R/check.log"; pack
SP="timeout 150 python3 templates/tools/step_profile.py --direction backward"
ROWS="--define FRG_BACKWARD_ROWS=1"
{
  echo "== lstm columns (ConstrINT's K 64 BT 8; run 47's best K 48 BT 16)"
  $SP --no-marks --plan 1,768,64,8,12,12,8 --plan 1,768,48,16,8,24,8
  echo "== lstm rows"
  $SP --no-marks $ROWS --plan 1,768,64,8,12,16,8 --plan 1,768,48,8,12,16,8 --plan 1,768,64,8,16,12,8 \
      --plan 1,768,32,8,12,16,8 --plan 1,768,48,16,16,16,8 --plan 1,768,48,16,12,16,8
  echo "== lstm rows, 6 / 12 lines polled at once (FRG_POLL_BATCH)"
  $SP --no-marks $ROWS --define FRG_POLL_BATCH=6 --plan 1,768,64,8,12,16,8 --plan 1,768,48,8,12,16,8
  $SP --no-marks $ROWS --define FRG_POLL_BATCH=12 --plan 1,768,64,8,12,16,8 --plan 1,768,48,8,12,16,8
} > "$R/step_profile.log" 2>&1
cat "$R/step_profile.log"; pack
{
  echo "== lstm columns, marks"
  $SP --plan 1,768,64,8,12,12,8
  echo "== lstm rows, marks"
  $SP $ROWS --plan 1,768,64,8,12,16,8 --plan 1,768,48,8,12,16,8
  echo "== gru columns / rows"
  $SP --cell gru --no-marks --plan 1,768,48,8,12,12,8 --plan 1,768,64,8,12,12,8
  $SP --cell gru --no-marks $ROWS --plan 1,768,64,8,12,12,8 --plan 1,768,48,8,12,12,8
  $SP --cell gru $ROWS --plan 1,768,64,8,12,12,8
} > "$R/step_profile_marks.log" 2>&1
cat "$R/step_profile_marks.log"; pack
