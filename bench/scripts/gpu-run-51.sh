#!/usr/bin/env bash
# GPU run 51 (session 10, H100): why the LSTM 1x768 backward's exchange takes 6400 of 8357 cycles a step (run 49),
# and three ways to shorten it, each checked against float64 first where it changes the kernel: clusters that share
# the exchange through L2 (FRG_EXCHANGE_CLUSTER 2, 4, 8; forward too), polls that sleep after an empty round
# (FRG_POLL_SLEEP_NS), GPU-scope instead of volatile accesses (FRG_EXCHANGE_GPU_SCOPE); step profiles at B = 8 and
# 16; ncu's L2 sector counts; per-kernel durations of the fwbw row; then LSTM and GRU 1x768 at B = 64..256 after
# session 9's shared-memory fix. Each part is packed as it ends (the run may be cut at its limit). ~8 minutes.
# Packed here with ../shared/device/pack samples/FlashRnn.Bench; run from the repository root with .device carried.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }  # after each part: a run cut off at the limit still returns what it has
timeout 45 python3 templates/tools/check_on_gpu.py --only "xc.*_bf16$|gpu_scope_bf16$" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "^(PASS|FAIL)|configurations|rc=" "$R/check.log" | tail -30; pack
# The weight-gradient GEMM alone (the only default-path change): 64 x 64 against 128 x 128 tiles, same shapes.
{
  for c in lstm gru; do
    timeout 60 python3 templates/tools/grad_profile.py --cell $c --layout 1x768 --layout 6x128 --layout 12x64 \
      --variant FRG_WIDE_GRAD_TILES=0 --variant FRG_WIDE_GRAD_TILES=1
  done
} > "$R/grad_gemm.log" 2>&1
cat "$R/grad_gemm.log" | cut -c1-160; pack
sp() { timeout 150 python3 templates/tools/step_profile.py "$@"; }
P=1,768,64,8,12,12,8  # ConstrINT's LSTM 1x768 tiling of both directions (K 64, batch tile 8, 12 warps, 12 R tiles)
{
  # Timings first (production kernels, no marks), the most telling first: exchange clusters of 2 and 4, polls that
  # sleep, GPU-scope accesses (backward), clusters (forward).
  echo "== backward, no marks"; sp --direction backward --no-marks --plan $P --plan $P,0,2 --plan $P,0,4
  sp --direction backward --no-marks --define FRG_POLL_SLEEP_NS=100 --plan $P --plan $P,0,4
  sp --direction backward --no-marks --define FRG_EXCHANGE_GPU_SCOPE=1 --plan $P
  echo "== forward, no marks"; sp --no-marks --plan $P --plan $P,0,4
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|exchange|resident|rror" "$R/step_profile.log" | head -60; pack
# Where LSTM 1x768 fwbw's 7.34 ms go besides the fused forward (~1.6) and backward (~4.4), with frg_grad_r now in
# 128 x 128 tiles: per-kernel durations
# (ncu locks the clocks, so they run longer than in the benchmark).
ROW="run --cells lstm --layouts 1x768 --modes fwbw --dtypes bf16 --batches 16 --seq 1024 --skip-compile-time --reps 2 --warmup 1"
timeout 150 ncu --metrics gpu__time_duration.sum -k regex:frg_ -c 10 bash .device/on-device dotnet \
  .device/FlashRnn.Bench/FlashRnn.Bench.dll $ROW > "$R/ncu-fwbw.log" 2>&1
echo "ncu fwbw rc=$?" >> "$R/ncu-fwbw.log"; grep -E "^  frg_|gpu__time|rc=" "$R/ncu-fwbw.log" | tail -20
pack
{
  echo "== more backward"; sp --direction backward --no-marks --plan 1,768,32,8,12,24,8 --plan 1,768,32,8,12,24,8,0,4 \
    --plan 1,768,48,16,8,24,8 --plan 1,768,48,16,8,24,8,0,4
  sp --direction backward --no-marks --define FRG_POLL_SLEEP_NS=400 --plan $P
  sp --direction backward --no-marks --define FRG_EXCHANGE_GPU_SCOPE=1 --plan $P,0,4
  echo "== more forward"; sp --no-marks --plan $P,0,2 --plan $P,0,8
  sp --no-marks --define FRG_POLL_SLEEP_NS=100 --plan $P --plan $P,0,4
  sp --no-marks --define FRG_EXCHANGE_GPU_SCOPE=1 --plan $P --plan $P,0,4
} > "$R/step_profile_more.log" 2>&1
grep -E "^==|us/step|resident|rror" "$R/step_profile_more.log" | head -60; pack
M=gpu__time_duration.sum,sm__cycles_elapsed.avg.per_second,lts__t_sectors_op_read.sum,lts__t_sectors_op_write.sum
M=$M,lts__t_sectors.avg.pct_of_peak_sustained_elapsed,lts__t_throughput.avg.pct_of_peak_sustained_elapsed
M=$M,lts__t_requests_srcunit_tex_op_write.sum,lts__t_requests_srcunit_tex_op_read.sum,dram__bytes.sum
for d in backward forward; do
  timeout 120 ncu --metrics $M -k regex:frg_fused -c 1 python3 templates/tools/step_profile.py --direction $d \
    --no-marks --plan 1,768,64,8,12,12,8 > "$R/ncu-$d.log" 2>&1
  echo "ncu $d rc=$?" >> "$R/ncu-$d.log"; grep -E "frg_|lts__|gpu__|dram|sm__|rc=|ERR" "$R/ncu-$d.log" | head -16
done
pack
{
  # Then where the cycles go (marks): B = 8 against 16 (half the partial-sum bytes, the same peers), clusters.
  for b in 8 16; do echo "== lstm backward B=$b"; sp --direction backward --batch $b --plan $P; done
  echo "== lstm backward clusters"; sp --direction backward --plan $P,0,2 --plan $P,0,4
  echo "== lstm forward clusters"; sp --plan $P --plan $P,0,4
} > "$R/step_profile_marks.log" 2>&1
grep -E "^==|us/step|exchange|resident|rror" "$R/step_profile_marks.log" | head -40; pack
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --cells lstm,gru --layouts 1x768 \
  --dtypes bf16 --batches 64,128,256 --seq 1024 --skip-compile-time --no-plots --out "$R/batch" > "$R/batch.log" 2>&1
echo "batch rc=$?" >> "$R/batch.log"
grep -E "^│ (lstm|gru)|rc=|configurations ok" "$R/batch.log"; pack
