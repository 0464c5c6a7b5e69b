#!/usr/bin/env bash
# GPU run 57 (session 13): what bounds the 1x768 backward's all-gather, and the weight-gradient GEMM's cursors.
#  1. frg_grad_r alone (grad_profile.py): run cursors (FRG_GEMM_CURSORS, default 1) against the per-run address
#     arithmetic, LSTM/GRU 1x768 and 12x64; GRU 1x768 also in 64 x 64 tiles (the ring, with cursors).
#  2. Step times of the row-split backward (LSTM/GRU 1x768, ConstrINT's K 64 BT 8 W 16 RT 6): as now; polling from the
#     next CTA's slice on (FRG_POLL_ROTATE); the polling shared in clusters of 2 (FRG_EXCHANGE_CLUSTER, DSMEM
#     forwarding: half the L2 bytes); B 8 against B 16 (half the CTAs and L2 bytes, the same per CTA), with marks.
#     The forward (LSTM K 64, GRU K 32) with and without rotation.
#  3. ncu: the row-split backward's L2 sectors and throughput (run 51 measured the column split's: 15.9% of peak).
#  4. The new GPU checks (cursors across batch rows and part k-tiles; rows in clusters; rotation), then the GPU tests.
# The quick benchmark with cuDNN comes second (end to end with the new GEMM); the full sweep last, if time is left
# (device starts failed often this session, so one call carries everything). ~9 minutes. Needs the pack: rm -rf .device && ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
GP="timeout 120 python3 templates/tools/grad_profile.py"
{
  $GP --layout 1x768 --layout 12x64 --variant FRG_GEMM_CURSORS=0 --variant FRG_GEMM_CURSORS=1
  $GP --cell gru --layout 1x768 --layout 12x64 --variant FRG_GEMM_CURSORS=0 --variant FRG_GEMM_CURSORS=1 \
      --variant FRG_WIDE_GRAD_TILES=0,FRG_GEMM_CURSORS=1
} > "$R/grad_profile.log" 2>&1
cat "$R/grad_profile.log"; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench 170 run --quick --baselines --time-limit 100 --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru|slstm)|first|rc=|configurations ok" "$R/quick.log" | cut -c1-200
SP="timeout 90 python3 templates/tools/step_profile.py"
ROWS="--direction backward --define FRG_BACKWARD_ROWS=1"
P=1,768,64,8,16,6,8
{
  echo "== lstm rows: now, rotate, clusters of 2, clusters of 2 + rotate"
  $SP $ROWS --no-marks --plan $P --plan $P,0,2
  $SP $ROWS --no-marks --define FRG_POLL_ROTATE=1 --plan $P --plan $P,0,2
  echo "== gru rows: now, rotate, clusters of 2"
  $SP --cell gru $ROWS --no-marks --plan $P --plan $P,0,2
  $SP --cell gru $ROWS --no-marks --define FRG_POLL_ROTATE=1 --plan $P
  echo "== lstm rows B 16 and B 8, with marks"
  $SP $ROWS --plan $P
  $SP $ROWS --batch 8 --plan $P
  echo "== forward: lstm K64 W12 RT12, gru K32 W12 RT21; then rotate"
  $SP --no-marks --plan 1,768,64,8,12,12,8
  $SP --no-marks --define FRG_POLL_ROTATE=1 --plan 1,768,64,8,12,12,8
  $SP --cell gru --no-marks --plan 1,768,32,8,12,21,8
  $SP --cell gru --no-marks --define FRG_POLL_ROTATE=1 --plan 1,768,32,8,12,21,8
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|resident|rror|phase|cycles" "$R/step_profile.log" | head -80; pack
M=gpu__time_duration.sum,sm__cycles_elapsed.avg.per_second,lts__t_sectors_op_read.sum,lts__t_sectors_op_write.sum
M=$M,lts__t_sectors.avg.pct_of_peak_sustained_elapsed,lts__t_throughput.avg.pct_of_peak_sustained_elapsed
M=$M,l1tex__m_xbar2l1tex_read_bytes.sum,sm__throughput.avg.pct_of_peak_sustained_elapsed
timeout 70 ncu --metrics $M -k regex:frg_fused -c 1 python3 templates/tools/step_profile.py $ROWS --no-marks \
  --plan $P > "$R/ncu-rows.log" 2>&1
echo "ncu rc=$?" >> "$R/ncu-rows.log"; grep -E "frg_|lts__|gpu__|l1tex|sm__|rc=|ERR" "$R/ncu-rows.log" | head -16; pack
timeout 150 python3 templates/tools/check_on_gpu.py --jobs 4 --only "chunk96|rows_xc|rotate" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "FAIL|configurations|rc=" "$R/check.log"; pack
timeout 160 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$?" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
left=$((585 - SECONDS))
if [ "$left" -gt 150 ]; then
  bench "$left" run --preset default --baselines --out "$R/bench" > "$R/bench.log" 2>&1
  echo "bench rc=$?" >> "$R/bench.log"; pack; tail -n 3 "$R/bench.log" | cut -c1-200
fi
