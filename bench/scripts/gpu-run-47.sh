#!/usr/bin/env bash
# GPU run 47: (1) the backward's partial sums as tagged words through L2 (fused::TaggedPartials) instead of the
# counter barrier, so the planner takes 1x768 backwards out of the 16-CTA cluster (LSTM: K = 64, GRU: K = 48, R in
# registers); (2) accumulator chains: a warp's k-loop alternates between accumulator sets (1x768 forward: 12 MMAs on
# one accumulator before); (3) the forward's tagged lines carry 6 bfloat16 units (3 per word and a 16-bit tag) instead
# of 4 (1x768 K=64: 3 lines per thread to poll instead of 4). check_on_gpu.py (every kernel path against float64,
# new global-backward configurations); per-phase profiles of the 1x768 backward (new plans against the cluster plan)
# and of the forward with and without chains (variant "nochain": FRG_ACC_CHAINS=1); the quick benchmark. Ordered by
# what a run cut short by the device budget must still bring back: correctness, the benchmark, the profiles, then
# every candidate tiling of the LSTM 1x768 backward (`plans`, now with the L2 candidates past 16 CTAs). Not run in
# sessions 7 and 8: no GPU machine could be started. Session 9 added the float32 profiles (bench/NOTES.md section 12)
# and the quick benchmark's tf32 rows. About 9 minutes in all.
# Packed here with
#   rm -rf .device/FlashRnn.Runtime.Tests .device/FlashRnn.Kernels.Tests; ../shared/device/pack samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-47.sh
# SHORT=1 (for a device lease with under ~7 minutes left): the fused configurations that exchange through L2 only, a
# shorter benchmark, the backward profiles only.
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
SHORT=${SHORT:-0}
R="$OUT/r"; mkdir -p "$R"
. bench/scripts/variant.sh  # variant NAME FILE OLD NEW [FILE OLD NEW ...]
variant nochain frg_config.cuh "#define FRG_ACC_CHAINS 0" "#define FRG_ACC_CHAINS 1"
if [ "$SHORT" = 1 ]; then ONLY="--only grid"; CHECK_S=60; BENCH_S=150; else ONLY=""; CHECK_S=100; BENCH_S=220; fi
timeout $CHECK_S python3 templates/tools/check_on_gpu.py $ONLY --jobs 12 --timeout 50 > "$R/check_on_gpu.log" 2>&1
echo "check_on_gpu rc=$?" >> "$R/check_on_gpu.log"
grep -E "FAIL|configurations|rc=" "$R/check_on_gpu.log" | head -20
timeout $((BENCH_S + 40)) bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll run --quick --baselines --time-limit $BENCH_S --out "$R/bench" > "$R/bench.log" 2>&1
echo "bench rc=$?" >> "$R/bench.log"
grep -E "^│ (lstm|gru|slstm)|rc=|first call" "$R/bench.log"
# NH,DH,K,BT,W,RT,STAGES[,CLUSTER]
BW="--plan 1,768,64,8,12,12,8 --plan 1,768,48,8,12,16,8 --plan 1,768,16,8,8,38,2,1"
FW="--plan 1,768,64,8,12,12,8 --plan 1,768,48,8,12,16,8 --plan 12,64,1,8,8,8,8"
{
  [ "$SHORT" = 1 ] || for tpl in templates /tmp/var-nochain/templates; do
    echo "== $tpl forward"
    timeout 60 python3 $tpl/tools/step_profile.py --no-marks $FW
    timeout 60 python3 $tpl/tools/step_profile.py $FW
  done
  echo "== backward"
  timeout 60 python3 templates/tools/step_profile.py --direction backward --no-marks $BW
  timeout 60 python3 templates/tools/step_profile.py --direction backward $BW
  timeout 60 python3 templates/tools/step_profile.py --direction backward --cell gru --no-marks --plan 1,768,48,8,12,12,8 --plan 1,768,24,8,12,12,8
  # Session 9: float32 12x64 (3xTF32 with the cross terms on their own accumulator; run 42: mma ~1000-1060 cycles fw)
  echo "== float32"
  timeout 60 python3 templates/tools/step_profile.py --dtype 0 --fast-math 2 --plan 12,64,1,8,8,8,8
  timeout 60 python3 templates/tools/step_profile.py --dtype 0 --fast-math 2 --direction backward --plan 12,64,1,8,8,8,8
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|rror" "$R/step_profile.log" | head -40
[ "$SHORT" = 1 ] && exit 0
timeout 120 bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll plans --cell lstm --layout 1x768 --direction bw --reps 5 --out "$R/plans" > "$R/plans.log" 2>&1
echo "plans rc=$?" >> "$R/plans.log"
tail -20 "$R/plans.log"
