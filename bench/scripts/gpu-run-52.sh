#!/usr/bin/env bash
# GPU run 52 (session 11): correctness of everything since run 50 (the GPU test suite: every cell x dtype x layout x
# kernel family against float64, now with the GEMM engine's cp.async ring, frg_grad_r's 128 x 128 tiles, exchange
# clusters, the shared-memory fix); the weight-gradient GEMM with and without the ring (FRG_GEMM_ASYNC) in 64 x 64 and
# 128 x 128 tiles, and ncu's view of it; then the quick rows with cuDNN in the same process for the README table.
# Packed here with ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench; run from the
# repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
{
  for c in lstm gru; do
    timeout 90 python3 templates/tools/grad_profile.py --cell $c --layout 1x768 --layout 6x128 --layout 12x64 \
      --variant FRG_GEMM_ASYNC=0,FRG_WIDE_GRAD_TILES=0 --variant FRG_GEMM_ASYNC=1,FRG_WIDE_GRAD_TILES=0 \
      --variant FRG_GEMM_ASYNC=0,FRG_WIDE_GRAD_TILES=1 --variant FRG_GEMM_ASYNC=1,FRG_WIDE_GRAD_TILES=1
  done
} > "$R/grad_gemm.log" 2>&1
cut -c1-170 "$R/grad_gemm.log"; pack
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$?" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
for v in 0 1; do
  timeout 60 ncu --section SpeedOfLight --section WarpStateStats --section Occupancy -k regex:frg_grad_r --launch-skip 2 -c 1 \
    python3 templates/tools/grad_profile.py --reps 1 --layout 1x768 --variant FRG_GEMM_ASYNC=$v,FRG_WIDE_GRAD_TILES=0 \
    > "$R/ncu-grad-async$v.log" 2>&1
done
grep -E "Duration|Throughput|Stall|Warp Cycles|Achieved Occ|Issued" "$R"/ncu-grad-async*.log | head -30; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 150 run --quick --baselines --time-limit 100 --skip-compile-time --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru|slstm)|rc=|configurations ok" "$R/quick.log"; pack
