#!/usr/bin/env bash
# GPU run 51 (session 9, H100): LSTM and GRU 1x768 at B = 64..256 after the planner's shared-memory fix (run 50:
# B = 128 and 256 planned kernels that compiled larger than a block may have, so they fell back to the alternating
# kernel); whether the LSTM 1x768 backward's exchange is bound by
# L2 traffic (step profiles at B = 8 and 16, ncu's L2 sector counts and throughput, forward for comparison), and the
# backward with its partial sums added in clusters first (FRG_EXCHANGE_CLUSTER; checked against float64 first). About
# 7 minutes.
# Packed here with ../shared/device/pack samples/FlashRnn.Bench; run from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }  # after each part: a run cut off at the limit still returns what it has
timeout 150 python3 templates/tools/check_on_gpu.py --only "xc" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "^(PASS|FAIL)|configurations|rc=" "$R/check.log" | tail -30; pack
# The backward's exchange (6400 of 8357 cycles a step, run 49): if L2 throughput bounds it, B = 8 (64 CTAs, half the
# partial-sum bytes) should cost about half the exchange of B = 16.
sp() { timeout 90 python3 templates/tools/step_profile.py "$@"; }
{
  for b in 8 16; do echo "== lstm backward B=$b"; sp --direction backward --batch $b --plan 1,768,64,8,12,12,8; done
  # FRG_EXCHANGE_CLUSTER: partial sums added in clusters of 2 / 4 before L2 (1/2, 1/4 of the L2 bytes); forward:
  # polls shared by clusters of 2 / 4
  echo "== lstm forward exchange clusters"; sp --plan 1,768,64,8,12,12,8 --plan 1,768,64,8,12,12,8,0,2 \
    --plan 1,768,64,8,12,12,8,0,4
  sp --no-marks --plan 1,768,64,8,12,12,8 --plan 1,768,64,8,12,12,8,0,2 --plan 1,768,64,8,12,12,8,0,4 \
    --plan 1,768,64,8,12,12,8,0,8
  echo "== lstm backward B=16 partial clusters"; sp --direction backward --plan 1,768,64,8,12,12,8,0,2 \
    --plan 1,768,64,8,12,12,8,0,4
  sp --direction backward --no-marks --plan 1,768,64,8,12,12,8 --plan 1,768,64,8,12,12,8,0,2 \
    --plan 1,768,64,8,12,12,8,0,4 --plan 1,768,32,8,12,24,8 --plan 1,768,32,8,12,24,8,0,2 \
    --plan 1,768,32,8,12,24,8,0,4 --plan 1,768,48,16,8,24,8 --plan 1,768,48,16,8,24,8,0,2 --plan 1,768,48,16,8,24,8,0,4
  # Polls that sleep after a round that found nothing (FRG_POLL_SLEEP_NS): if the polling itself loads L2 enough to
  # slow the producers' stores, thinning it shortens the exchange.
  echo "== poll backoff"; sp --direction backward --no-marks --define FRG_POLL_SLEEP_NS=100 --plan 1,768,64,8,12,12,8 \
    --plan 1,768,64,8,12,12,8,0,4
  sp --direction backward --no-marks --define FRG_POLL_SLEEP_NS=400 --plan 1,768,64,8,12,12,8
  sp --no-marks --define FRG_POLL_SLEEP_NS=100 --plan 1,768,64,8,12,12,8 --plan 1,768,64,8,12,12,8,0,4
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|exchange|resident|rror" "$R/step_profile.log" | head -60; pack
M=gpu__time_duration.sum,sm__cycles_elapsed.avg.per_second,lts__t_sectors_op_read.sum,lts__t_sectors_op_write.sum
M=$M,lts__t_sectors.avg.pct_of_peak_sustained_elapsed,lts__t_throughput.avg.pct_of_peak_sustained_elapsed
M=$M,lts__t_requests_srcunit_tex_op_write.sum,lts__t_requests_srcunit_tex_op_read.sum,dram__bytes.sum
for d in backward forward; do
  timeout 120 ncu --metrics $M -k regex:frg_fused -c 1 python3 templates/tools/step_profile.py --direction $d \
    --no-marks --plan 1,768,64,8,12,12,8 > "$R/ncu-$d.log" 2>&1
  echo "ncu $d rc=$?" >> "$R/ncu-$d.log"; grep -E "frg_|lts__|gpu__|dram|sm__|rc=|ERR" "$R/ncu-$d.log" | head -16
done
pack
# Where LSTM 1x768 fwbw's 7.34 ms go besides the fused forward (~1.6) and backward (~4.4): per-kernel durations
# (ncu locks the clocks, so they run longer than in the benchmark).
ROW="run --cells lstm --layouts 1x768 --modes fwbw --dtypes bf16 --batches 16 --seq 1024 --skip-compile-time --reps 2 --warmup 1"
timeout 150 ncu --metrics gpu__time_duration.sum -k regex:frg_ -c 10 bash .device/on-device dotnet \
  .device/FlashRnn.Bench/FlashRnn.Bench.dll $ROW > "$R/ncu-fwbw.log" 2>&1
echo "ncu fwbw rc=$?" >> "$R/ncu-fwbw.log"; grep -E "^  frg_|gpu__time|rc=" "$R/ncu-fwbw.log" | tail -20
pack
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --cells lstm,gru --layouts 1x768 \
  --dtypes bf16 --batches 64,128,256 --seq 1024 --skip-compile-time --no-plots --out "$R/batch" > "$R/batch.log" 2>&1
echo "batch rc=$?" >> "$R/batch.log"
grep -E "^│ (lstm|gru)|rc=|configurations ok" "$R/batch.log"; pack
