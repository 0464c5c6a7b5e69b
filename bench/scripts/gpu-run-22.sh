#!/usr/bin/env bash
# GPU run 22: the final code of session 3. The full default sweep with cuDNN baselines and the compile-time probe,
# then the quick command twice more for reproducibility. Packed here with
#   ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-22.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 360 run --preset default --baselines --out "$R/bench" > "$R/bench.log" 2>&1
for i in 1 2; do bench 60 run --quick --skip-compile-time --out "$R/quick$i" > "$R/quick$i.log" 2>&1; done
tail -n 45 "$R/bench.log"; grep -E "configurations ok" "$R"/quick*.log
tar czf "$OUT/run22.tgz" -C "$OUT" r
