#!/usr/bin/env bash
# GPU run 66 (session 16): the weight-gradient GEMM's new split rule (GpuRecurrence.SplitCount: the fewest waves of
# CTAs per unit of work over at most two waves; run 65 found LSTM 1x768 fastest at 3 splits, which the old
# floor(slots / tiles) could not choose).
#  1. grad_profile.py sweeps the split count (1..8, 11, 16, 22, 33, 44) over every layout, LSTM and GRU bf16, Elman,
#     LSTM float32 and float16, marking the rule's choice, so the rule is checked against the measured best.
#     Predicted: LSTM 1x768 bf16 3 splits 0.374 ms (run 65); LSTM 3x256 bf16 5 splits ~0.175 (2: 0.219).
#  2. The quick benchmark with cuDNN: LSTM 1x768 bf16 forward + backward 5.02 -> ~4.89 ms; other rows as run 64.
#  3. The xunit GPU tests with the time left.
# Needs the pack, trimmed to fit the 64 MiB carry: rm -rf .device && ../shared/device/pack samples/FlashRnn.Bench
#   tests/FlashRnn.Kernels.Tests && rm -rf .device/*/{cs,de,es,fr,it,ja,ko,pl,pt,pt-BR,ru,sv,tr,zh-Hans,zh-Hant} && find .device -name '*.xml' -delete
set -u
LIMIT=${LIMIT:-590}
export FLASHRNN_CACHE_DIR=/tmp/frc
R=/tmp/r; mkdir -p "$R"
pack() { tar czf "$OUT/r.tgz" -C /tmp r; }
S=""; for s in 1 2 3 4 5 6 7 8 11 16 22 33 44; do S="$S --splits $s"; done
L="--layout 1x768 --layout 3x256 --layout 6x128 --layout 12x64 --layout 24x32 --layout 48x16"
gp() { timeout 40 python3 templates/tools/grad_profile.py --reps 30 $S "$@" >> "$R/grad_sweep.log" 2>&1; }
gp --cell lstm $L; gp --cell gru $L; gp --cell elman --layout 1x768 --layout 12x64
gp --cell lstm --dtype 0 --layout 1x768 --layout 12x64; gp --cell lstm --dtype 2 --layout 1x768 --layout 3x256
grep "the rule's" "$R/grad_sweep.log" | cut -c1-150; echo "sweep done at ${SECONDS}s"; pack
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }
bench $((LIMIT - SECONDS - 5)) run --quick --baselines --time-limit 100 --out "$R/quick" > "$R/quick.log" 2>&1
echo "quick rc=$? at ${SECONDS}s" >> "$R/quick.log"; pack
grep -E "^│ (lstm|gru)|rc=|configurations ok" "$R/quick.log" | cut -c1-160
left=$((LIMIT - 15 - SECONDS))
[ "$left" -gt 30 ] || exit 0
timeout "$left" bash .device/on-device dotnet .device/FlashRnn.Kernels.Tests/FlashRnn.Kernels.Tests.dll > "$R/Kernels-tests.log" 2>&1
echo "Kernels tests rc=$? at ${SECONDS}s" >> "$R/Kernels-tests.log"; grep -E "\[FAIL\]|Total:|rc=" "$R/Kernels-tests.log" | head -20; pack
