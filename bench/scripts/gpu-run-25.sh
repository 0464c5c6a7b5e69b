#!/usr/bin/env bash
# GPU run 25 (diagnostic, python tools only): what the LSTM 12x64 backward step's input staging costs, per tensor,
# and whether issuing it after the product (as the forward does) hides it. Edited template copies, step_profile.py.
# Run on the GPU machine from the repository root: bash bench/scripts/gpu-run-25.sh
set -u
R="$OUT/r"; mkdir -p "$R"
. bench/scripts/variant.sh  # variant NAME FILE OLD NEW [FILE OLD NEW ...]
variant late fused_backward.cu "        stage_next_step();  // step t - (STAGES - 1)
        prof.mark(0);" "        if (t == T - 1) stage_next_step();
        prof.mark(0);" \
  fused_backward.cu "            prof.mark(1);
" "            prof.mark(1);
            stage_next_step();
"
variant nowx fused_backward.cu "            wx_rows.issue(" "            if (t < 0) wx_rows.issue("
variant nogates fused_backward.cu "            gate_rows.issue(" "            if (t < 0) gate_rows.issue("
variant nostates fused_backward.cu "            state_rows.issue(" "            if (t < 0) state_rows.issue(" \
  fused_backward.cu "            if (dStates) dstate_rows.issue(" "            if (t < 0) dstate_rows.issue("
variant nostores fused_backward.cu "dwx_out[p][g * kHD] = to_store(dgin[g]);" "(void)0;" \
  fused_backward.cu "drec_out[p][g * kHD] = dgrec[g];" "(void)0;"
SP="timeout 90 python3"
P="--direction backward --plan 12,64,1,8,16,4,8 --plan 12,64,1,8,8,4,8"
{ echo "== as is"; $SP templates/tools/step_profile.py $P
  for v in late nowx nogates nostates nostores; do echo "== $v"; $SP /tmp/var-$v/templates/tools/step_profile.py $P; done
} > "$R/backward.log" 2>&1
grep "failed" "$R/variants.log"; cat "$R/backward.log"
tar czf "$OUT/run25.tgz" -C "$OUT" r
