#!/usr/bin/env bash
# GPU run 65 (prepared in session 15, not yet run): what run 64 could not reach, and the weight-gradient GEMM's split.
#  1. frg_grad_r at 1x768 split 1, 2 and 3 ways (grad_profile.py --splits). Prediction (NOTES section 18): LSTM's
#     one split (144 CTAs, 120 SMs with a single CTA) 0.52 ms; two ~0.36; GRU's two (run 64: 0.270) the best of its.
#  2. The xunit GPU tests (not run on the GPU since drec moved to bfloat16).
#  3. The GRU 1x768 fused backward's step with bfloat16 against float32 drec stores (predicted within 2%).
# Needs the pack, trimmed: rm -rf .device && ../shared/device/pack tests/FlashRnn.Kernels.Tests
set -u
LIMIT=${LIMIT:-590}
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
GP="timeout 120 python3 templates/tools/grad_profile.py --layout 1x768 --splits 1 --splits 2 --splits 3"
{ $GP; $GP --cell gru; $GP --cell lstm --layout 3x256; } > "$R/grad_profile.log" 2>&1
grep -v "^$" "$R/grad_profile.log"; pack
left=$((LIMIT - 60 - SECONDS))
timeout "$left" bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$? at ${SECONDS}s" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
[ $((LIMIT - SECONDS)) -gt 50 ] || exit 0
SP="timeout 40 python3 templates/tools/step_profile.py --cell gru --direction backward --no-marks --define FRG_BACKWARD_ROWS=1"
{ $SP --plan 1,768,64,8,16,6,8; $SP --define FRG_DREC_FLOAT=1 --plan 1,768,64,8,16,6,8; } > "$R/step_profile.log" 2>&1
grep -E "us/step|rror" "$R/step_profile.log"; pack
