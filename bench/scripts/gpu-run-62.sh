#!/usr/bin/env bash
# GPU run 62 (session 15): the checks session 14 could not run, then the benchmark twice.
#  1. The xunit GPU tests (FlashRnn.Kernels.Tests): session 14 changed the runtime's plan validation
#     (KernelPlan.BackwardRowBlocks) and added A_forward_plan_over_row_blocks_is_refused; none of that ran on a GPU.
#  2. The default sweep with the cuDNN and PyTorch baselines, the README's table (run 57 made the current one).
#  3. The same command again, to measure how far two runs of one command on one machine agree.
# Needs the pack: rm -rf .device && ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,memory.total --format=csv > "$R/gpu.txt" 2>&1; cat "$R/gpu.txt"
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$?" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
for n in 1 2; do
  left=$((585 - SECONDS))
  [ "$left" -gt 120 ] || break
  bench "$left" run --preset default --baselines --out "$R/bench-$n" > "$R/bench-$n.log" 2>&1
  echo "bench $n rc=$? at ${SECONDS}s" >> "$R/bench-$n.log"; pack; tail -n 2 "$R/bench-$n.log" | cut -c1-200
done
