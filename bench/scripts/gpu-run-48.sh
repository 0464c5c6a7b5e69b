#!/usr/bin/env bash
# GPU run 48: the full default sweep (head sizes at 768 total, batch 2..256, sequence lengths; every cell and dtype
# of the preset, forward and forward + backward, fused and alternating) with cuDNN and plain PyTorch measured in the
# same process, on the code measured by run 47; then the quick command twice more, for the reproducibility the notes
# state (rows of separate runs should agree within a few percent). About 8 minutes.
# Packed here with
#   rm -rf .device/FlashRnn.Runtime.Tests .device/FlashRnn.Kernels.Tests; ../shared/device/pack samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-48.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 380 run --preset default --baselines --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
for i in 1 2; do
  bench 60 run --quick --skip-compile-time --out "$R/quick$i" > "$R/quick$i.log" 2>&1
  echo "quick$i rc=$?" >> "$R/quick$i.log"
done
tail -n 45 "$R/bench.log"; grep -E "configurations ok|rc=" "$R"/quick*.log
cd "$OUT" && tar czf r.tgz r && rm -rf r  # at most 8 files come back
