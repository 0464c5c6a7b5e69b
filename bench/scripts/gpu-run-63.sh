#!/usr/bin/env bash
# GPU run 63 (session 15): after run 62's one failure (ptxas of NVRTC 13 spilled 16 bytes of the planned float32
# TF32 LSTM 1x768 backward, K 64 W 8 RT 13, at 254 registers).
#  1. The xunit GPU tests again (run 62 cut them at 200 s), with the row block and column block indices folded to
#     constants where the split has one (fused_backward.cu).
#  2. The TF32 1x768 backward: run 62's sweep measured fwbw 10.99 ms against bf16's 5.03. ConstrINT's column split
#     (~4.9 us/step estimated) against the row split bf16 uses (ptxas: W 8 RT 14, W 8 RT 12 S 6, W 12 RT 6 S 6 build
#     without spills); the bf16 row split as the yardstick.
#  3. The new check (row split with single TF32) and the other TF32 checks on the GPU.
# Needs the pack: rm -rf .device && ../shared/device/pack samples/FlashRnn.Bench tests/FlashRnn.Kernels.Tests
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
SP="timeout 120 python3 templates/tools/step_profile.py --direction backward --no-marks"
TF="--dtype 0 --define FRG_FP32_FAST_MMA=1"
{
  echo "== tf32 columns (planned): W8 RT13"
  $SP $TF --plan 1,768,64,8,8,13,8
  echo "== tf32 rows: W8 RT14 S8, W8 RT12 S6, W12 RT6 S6"
  $SP $TF --define FRG_BACKWARD_ROWS=1 --plan 1,768,64,8,8,14,8 --plan 1,768,64,8,8,12,6 --plan 1,768,64,8,12,6,6
  echo "== bf16 rows (planned): W16 RT6"
  $SP --define FRG_BACKWARD_ROWS=1 --plan 1,768,64,8,16,6,8
} > "$R/step_profile.log" 2>&1
grep -E "^==|us/step|rror" "$R/step_profile.log" | head -30; pack
timeout 150 python3 templates/tools/check_on_gpu.py --jobs 8 --only "tf32" > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "FAIL|configurations|rc=" "$R/check.log"; pack
timeout 330 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$? at ${SECONDS}s" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
