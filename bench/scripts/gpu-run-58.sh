#!/usr/bin/env bash
# GPU run 58 (session 13): the full default sweep (head sizes at 768 total, batch 2..256, sequence lengths; every cell
# and dtype of the preset, forward and forward + backward, fused and alternating) with cuDNN and plain PyTorch measured
# in the same process and the plots; then the quick command twice more, for the reproducibility the notes state.
# ~6 minutes. Needs the pack: rm -rf .device && ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 400 run --preset default --baselines --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"; pack
tail -n 12 "$R/bench.log" | cut -c1-220
for i in 1 2; do
  bench 70 run --quick --skip-compile-time --out "$R/quick$i" > "$R/quick$i.log" 2>&1
  echo "quick$i rc=$?" >> "$R/quick$i.log"; pack
done
grep -E "configurations ok|rc=" "$R"/quick*.log
