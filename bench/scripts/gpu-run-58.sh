#!/usr/bin/env bash
# GPU run 58 (session 13): (1) the row-split backward's all-gather in one polling round: 8 lines in flight per thread
# (FRG_POLL_BATCH=8; the 16-warp plans poll 8 lines each, two rounds of 4 by default), LSTM with 6 or 4 R tiles in
# registers (6 spills 8 bytes with 8 lines), GRU; (2) the quick benchmark again, to compare with run 57's (the
# reproducibility of the same command on the device). ~3 minutes. Same pack as run 57 (code of commit 3eb3764).
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
SP="timeout 90 python3 templates/tools/step_profile.py --direction backward --no-marks --define FRG_BACKWARD_ROWS=1"
{
  echo "== lstm rows K64 BT8 W16: RT6 and RT4, 4 then 8 lines per round"
  $SP --plan 1,768,64,8,16,6,8 --plan 1,768,64,8,16,4,8
  $SP --define FRG_POLL_BATCH=8 --plan 1,768,64,8,16,6,8 --plan 1,768,64,8,16,4,8
  echo "== gru rows K64 BT8 W16 RT6: 4 then 8"
  $SP --cell gru --plan 1,768,64,8,16,6,8
  $SP --cell gru --define FRG_POLL_BATCH=8 --plan 1,768,64,8,16,6,8
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|rror" "$R/step_profile.log"; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 170 run --quick --baselines --time-limit 100 --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru|slstm)|rc=|configurations ok" "$R/quick.log" | cut -c1-120
