#!/usr/bin/env bash
# GPU run 64 (session 15): drec in bfloat16 in bfloat16 plans (frg_types.cuh drec_t; FRG_DREC_FLOAT=1 restores float32).
#  1. frg_grad_r alone (grad_profile.py), GRU 1x768 and 12x64 bf16 with drec in bfloat16 against float32; LSTM 1x768
#     (reads dWx, unchanged) as the yardstick. Predicted: GRU 1x768 0.74 -> ~0.40 ms (LSTM's 0.51 at 3/4 of the
#     columns); GRU 12x64 within a few %.
#  2. The GRU 1x768 fused backward's step with bfloat16 drec stores against float32 (predicted: within 2%).
#  3. The GPU checks of every GRU, alternating and GEMM-cursor configuration in three dtypes.
#  4. The quick benchmark with cuDNN (GRU 1x768 fwbw predicted 5.03 -> ~4.7 ms), then the xunit GPU tests.
# Order by priority (the device budget was short): 1, 3, 4, then 2.
# Needs the pack, trimmed to fit the 64 MiB carry: rm -rf .device && ../shared/device/pack samples/FlashRnn.Bench
#   tests/FlashRnn.Kernels.Tests && rm -rf .device/*/{cs,de,es,fr,it,ja,ko,pl,pt,pt-BR,ru,sv,tr,zh-Hans,zh-Hant} && find .device -name '*.xml' -delete
set -u
LIMIT=${LIMIT:-590}  # seconds this call may run (less when the device budget is short)
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
GP="timeout 120 python3 templates/tools/grad_profile.py"
{
  $GP --cell gru --layout 1x768 --layout 12x64 --variant FRG_DREC_FLOAT=1 --variant FRG_DREC_FLOAT=0
  $GP --layout 1x768
} > "$R/grad_profile.log" 2>&1
cat "$R/grad_profile.log" | grep -v "^$" | tail -12; pack
timeout 200 python3 templates/tools/check_on_gpu.py --jobs 8 --only "gru|alt_|chunk" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "FAIL|configurations|rc=" "$R/check.log"; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
[ $((LIMIT - SECONDS)) -gt 90 ] || exit 0
bench $((LIMIT - SECONDS - 5)) run --quick --baselines --time-limit 100 --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$?" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru)|rc=|configurations ok" "$R/quick.log" | cut -c1-160
left=$((LIMIT - 45 - SECONDS))
[ "$left" -gt 100 ] || exit 0
timeout "$left" bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$? at ${SECONDS}s" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
[ $((LIMIT - SECONDS)) -gt 60 ] || exit 0
SP="timeout 50 python3 templates/tools/step_profile.py --cell gru --direction backward --no-marks --define FRG_BACKWARD_ROWS=1"
{
  $SP --plan 1,768,64,8,16,6,8
  $SP --define FRG_DREC_FLOAT=1 --plan 1,768,64,8,16,6,8
} > "$R/step_profile.log" 2>&1
grep -E "us/step|rror" "$R/step_profile.log"; pack
