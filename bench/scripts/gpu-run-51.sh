#!/usr/bin/env bash
# GPU run 51 (session 9, H100): LSTM and GRU 1x768 at B = 64..256 after the planner's shared-memory fix (run 50:
# B = 128 and 256 planned kernels that compiled larger than a block may have, so they fell back to the alternating
# kernel); every candidate tiling of the sLSTM 12x64 backward. About 3 minutes.
# Packed here with ../shared/device/pack samples/FlashRnn.Bench; run from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --cells lstm,gru --layouts 1x768 \
  --dtypes bf16 --batches 64,128,256 --seq 1024 --skip-compile-time --no-plots --out "$R/batch" > "$R/batch.log" 2>&1
echo "batch rc=$?" >> "$R/batch.log"
grep -E "^│ (lstm|gru)|rc=|configurations ok" "$R/batch.log"
# sLSTM 12x64 forward + backward is 1.5% over its 1.8 ms target: every candidate tiling of its backward.
timeout 90 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll plans --cell slstm --layout 12x64 \
  --direction bw --reps 5 --out "$R/plans-slstm-bw" > "$R/plans-slstm-bw.log" 2>&1
echo "plans rc=$?" >> "$R/plans-slstm-bw.log"; tail -n 18 "$R/plans-slstm-bw.log"
cd "$OUT" && tar czf r.tgz r && rm -rf r  # at most 8 files come back
