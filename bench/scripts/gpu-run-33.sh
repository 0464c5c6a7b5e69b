#!/usr/bin/env bash
# GPU run 33 (diagnostic, python tools only): where in the step the forward's staged stores cost least. Run 32 put
# them after the step's input copies (a: load and store there), which left the LSTM inference step unchanged. As
# is (b): the stage is read into registers before the input copies and stored after them. Variants: c both before
# the copies; d at the end of the cell phase (before the barrier, where warps wait anyway); e loads at the start
# of the cell phase, stores at its end. Each on LSTM and sLSTM 12x64 (W=8 RT=8), inference and training, with
# marks and without; prev/templates (before staged stores) without marks for reference.
# Run on the GPU machine from the repository root: bash bench/scripts/gpu-run-33.sh
set -u
R="$OUT/r"; mkdir -p "$R"
. bench/scripts/variant.sh  # variant NAME FILE OLD NEW [FILE OLD NEW ...]
LOAD="        if (kStagedStores && t > 0) load_staged_step(t - 1);
"
STORE="        if (kStagedStores && t > 0) store_loaded_step();
"
COPY="        stage_next_step();  // step t + STAGES - 1
"
variant a fused_forward.cu "$LOAD$COPY$STORE" "$COPY$LOAD$STORE"
variant c fused_forward.cu "$LOAD$COPY$STORE" "$LOAD$STORE$COPY"
variant d fused_forward.cu "$LOAD$COPY$STORE" "$COPY" \
  fused_forward.cu "        prof.mark(3);
" "        if (kStagedStores && t > 0) { load_staged_step(t - 1); store_loaded_step(); }
        prof.mark(3);
"
variant e fused_forward.cu "$LOAD$COPY$STORE" "$COPY" \
  fused_forward.cu "        prof.mark(2);
" "        prof.mark(2);
        if (kStagedStores && t > 0) load_staged_step(t - 1);
" \
  fused_forward.cu "        prof.mark(3);
" "        if (kStagedStores && t > 0) store_loaded_step();
        prof.mark(3);
"
grep "failed" "$R/variants.log"
python3 templates/tools/snapshot_cell.py tests/FlashRnn.Gen.Tests/Snapshots/SLstm.verified.g.cs > /tmp/slstm.cuh
SP="timeout 120 python3"
P="--plan 12,64,1,8,8,8,8"
runs() {  # runs TEMPLATES [--no-marks]
  $SP $1/tools/step_profile.py $P --cell lstm ${2:-}
  $SP $1/tools/step_profile.py $P --cell lstm --training ${2:-}
  $SP $1/tools/step_profile.py $P --cell-source /tmp/slstm.cuh ${2:-}
  $SP $1/tools/step_profile.py $P --cell-source /tmp/slstm.cuh --training ${2:-}
}
{ echo "=== prev"; runs prev/templates --no-marks
  echo "=== b (as is)"; runs templates --no-marks; runs templates
  for v in a c d e; do echo "=== $v"; runs /tmp/var-$v/templates --no-marks; runs /tmp/var-$v/templates; done
  echo "=== prev again"; runs prev/templates --no-marks
  echo "=== b again"; runs templates --no-marks
} > "$R/profile.log" 2>&1
grep -E "===|no marks|warp 0" "$R/profile.log"
timeout 200 python3 templates/tools/check_on_gpu.py --only fused_ --jobs 6 --timeout 150 > "$R/check.log" 2>&1
echo "check rc=$?" >> "$R/check.log"
grep -v "^PASS" "$R/check.log"
tar czf "$OUT/run33.tgz" -C "$OUT" r
