#!/usr/bin/env bash
# GPU run 52 (session 11): correctness of everything since run 50 (the GPU test suite: every cell x dtype x layout x
# kernel family against float64, now with frg_grad_r's 128 x 128 tiles for 16-bit DH >= 128, exchange clusters,
# the shared-memory fix), then the quick rows with cuDNN in the same process for the README table. ~5 minutes.
# Packed here with ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench; run from the
# repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$?" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 150 run --quick --baselines --time-limit 100 --skip-compile-time --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
bench 110 run --cells lstm,gru --layouts 1x768 --dtypes bf16 --batches 128,256 --seq 1024 --skip-compile-time \
  --no-plots --out "$R/batch" > "$R/batch.log" 2>&1
echo "batch rc=$?" >> "$R/batch.log"
grep -E "^│ (lstm|gru|slstm)|rc=|configurations ok" "$R/quick.log" "$R/batch.log"; pack
