#!/usr/bin/env bash
# GPU run 53 (session 11): the GEMM ring for float32 Y tiles (GRU) and the multiply-high k / T, against the register
# path on the same machine; the GPU tests (the sLSTM TF32 bound, everything on the new GEMM); the quick rows with
# cuDNN in the same process for the README table. ~4 minutes.
# Packed here with ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests; run from the
# repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
{
  for c in lstm gru; do
    timeout 60 python3 templates/tools/grad_profile.py --cell $c --layout 1x768 --layout 6x128 --layout 12x64 \
      --variant FRG_GEMM_ASYNC=0 --variant FRG_GEMM_ASYNC=1
  done
} > "$R/grad_gemm.log" 2>&1
cut -c1-170 "$R/grad_gemm.log"; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 150 run --quick --baselines --time-limit 100 --skip-compile-time --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru|slstm)|rc=|configurations ok" "$R/quick.log"; pack
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$?" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
