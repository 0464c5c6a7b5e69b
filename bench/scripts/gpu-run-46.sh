#!/usr/bin/env bash
# GPU run 46: after the review commit that removed code the tagged exchange left unused (no kernel's executed code
# changed): GPU kernel tests and check_on_gpu.py again. Packed here with
#   rm -rf .device/FlashRnn.Runtime.Tests; ../shared/device/pack tests/FlashRnn.Kernels.Tests samples/FlashRnn.Bench
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-46.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
timeout 200 bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/kernel-tests.log" 2>&1
echo "kernel tests rc=$?" >> "$R/kernel-tests.log"
timeout 110 python3 templates/tools/check_on_gpu.py --jobs 8 --timeout 60 > "$R/check_on_gpu.log" 2>&1
echo "check_on_gpu rc=$?" >> "$R/check_on_gpu.log"
grep -E "Total|rc=|\[FAIL\]" "$R/kernel-tests.log" | head -20
grep -E "FAIL|configurations|rc=" "$R/check_on_gpu.log" | head -20
