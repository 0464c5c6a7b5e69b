#!/usr/bin/env bash
# GPU run 32 (diagnostic, python tools only): the forward's staged stores (a step's states and gates through a
# shared stage, stored as 16-byte row chunks during the next step's product). Per-phase step profiles of the LSTM
# and sLSTM 12x64 forward, inference and training, before (prev/templates = the templates of the commit before the
# change, with today's tools) and after; then every fused kernel configuration against the float64 reference on the
# GPU. Run on the GPU machine from the repository root: bash bench/scripts/gpu-run-32.sh
set -u
R="$OUT/r"; mkdir -p "$R"
python3 templates/tools/snapshot_cell.py tests/FlashRnn.Gen.Tests/Snapshots/SLstm.verified.g.cs > /tmp/slstm.cuh
SP="timeout 120 python3"
P="--plan 12,64,1,8,8,8,8"
{ for side in prev/templates templates; do
    echo "=== $side"
    $SP $side/tools/step_profile.py $P --cell lstm
    $SP $side/tools/step_profile.py $P --cell lstm --training
    $SP $side/tools/step_profile.py $P --cell-source /tmp/slstm.cuh
    $SP $side/tools/step_profile.py $P --cell-source /tmp/slstm.cuh --training
    $SP $side/tools/step_profile.py $P --cell lstm --no-marks
    $SP $side/tools/step_profile.py $P --cell lstm --training --no-marks
    $SP $side/tools/step_profile.py $P --cell-source /tmp/slstm.cuh --no-marks
    $SP $side/tools/step_profile.py $P --cell-source /tmp/slstm.cuh --training --no-marks
  done
} > "$R/profile.log" 2>&1
cat "$R/profile.log"
timeout 300 python3 templates/tools/check_on_gpu.py --only fused_ --jobs 6 --timeout 200 > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"
grep -v "^PASS" "$R/check.log"
tar czf "$OUT/run32.tgz" -C "$OUT" r
