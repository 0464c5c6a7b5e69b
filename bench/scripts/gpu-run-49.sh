#!/usr/bin/env bash
# GPU run 49 (session 9, H100): what run 47 could not say. Run 47's 1x768 step profiles failed (step_profile.py
# defaulted to a cluster for every K > 1; K = 64 cannot be one), and two rows moved the wrong way: GRU 1x768 fw
# 2.25 ms (run 44 on an H200: 1.81) after the planner moved it to K48 W6, and the LSTM 1x768 backward's
# ConstrINT tiling (K64 W12 BT8 RT12) timed 5.94 ms against 5.29 for K48 W8 BT16 with all of R in registers.
# Per-phase profiles of the 1x768 forward and backward (LSTM, GRU), then every candidate tiling of the GRU and LSTM
# 1x768 forwards. About 4 minutes.
# Packed here with ../shared/device/pack samples/FlashRnn.Bench; run from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
sp() { timeout 60 python3 templates/tools/step_profile.py "$@"; }
{
  echo "== lstm forward"; sp --plan 1,768,64,8,12,12,8; sp --no-marks --plan 1,768,64,8,12,12,8
  echo "== lstm backward"; sp --direction backward --plan 1,768,64,8,12,12,8 --plan 1,768,48,16,8,24,8
  sp --direction backward --no-marks --plan 1,768,64,8,12,12,8 --plan 1,768,48,16,8,24,8
  echo "== gru forward"; sp --cell gru --plan 1,768,48,8,6,24,8 --plan 1,768,24,8,12,24,8
  sp --cell gru --no-marks --plan 1,768,48,8,6,24,8 --plan 1,768,24,8,12,24,8
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|rror" "$R/step_profile.log" | head -40
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for cell in gru lstm; do
  bench 100 plans --cell $cell --layout 1x768 --direction fw --reps 5 --out "$R/plans-$cell-fw" > "$R/plans-$cell-fw.log" 2>&1
  echo "plans rc=$?" >> "$R/plans-$cell-fw.log"
  tail -n 18 "$R/plans-$cell-fw.log"
done
cd "$OUT" && tar czf r.tgz r && rm -rf r  # at most 8 files come back
