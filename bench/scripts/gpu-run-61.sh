#!/usr/bin/env bash
# GPU run 61 (session 14): every fused and alternating configuration of check_on_gpu.py on the GPU (three dtypes,
# against the float64 reference, poisoned outputs), after this session's edits to fused_backward.cu (the grid of
# blocks, lanes per pair) that leave the default plans' code paths unchanged. No pack needed.
set -u
R=/tmp/r; mkdir -p "$R"
timeout 170 python3 templates/tools/check_on_gpu.py --jobs 8 > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"; grep -E "FAIL|configurations|rc=" "$R/check.log"
tar czf "$OUT/r.tgz" -C /tmp r
