#!/usr/bin/env bash
# GPU run 60 (session 14): lanes per pair in the backward's cell phase (FRG_CELL_LANES), row split at 1x768.
# ~5 minutes of device time were left, so the parts go by priority, each packed as it ends:
#  1. Step times (no marks), LSTM 1x768 (K 64, BT 8, W 16, RT 6, ConstrINT's plan): 1, 2, 4 and 8 lanes a pair;
#     GRU with 1 and 8.
#  2. The new GPU checks (lanes against the CPU reference, poisoned outputs), all three dtypes.
#  3. Marks (phases) with 1 and 8 lanes.
# No pack needed: the python tools compile the templates of the tree. FRG_CELL_LANES exists only at commit a6bce65
# (removed after this run, measured slower): check that commit out to run this again.
set -u
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
SP="timeout 100 python3 templates/tools/step_profile.py --direction backward --define FRG_BACKWARD_ROWS=1"
P=1,768,64,8,16,6,8
{
  for l in 1 8 4 2; do echo "== lstm rows, $l lanes"; $SP --no-marks --define FRG_CELL_LANES=$l --plan $P; done
  for l in 1 8; do echo "== gru rows, $l lanes"; $SP --cell gru --no-marks --define FRG_CELL_LANES=$l --plan $P; done
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|rror" "$R/step_profile.log"; pack
timeout 100 python3 templates/tools/check_on_gpu.py --jobs 6 --only "lanes" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "FAIL|configurations|rc=" "$R/check.log"; pack
if [ "$SECONDS" -lt 200 ]; then
  { $SP --define FRG_CELL_LANES=1 --plan $P; $SP --define FRG_CELL_LANES=8 --plan $P; } > "$R/marks.log" 2>&1
  grep -E "us/step|cycles" "$R/marks.log"; pack
fi
