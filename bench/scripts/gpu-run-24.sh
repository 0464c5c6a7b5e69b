#!/usr/bin/env bash
# GPU run 24 (diagnostic, python tools only, nothing packed): where the sLSTM 12x64 forward step and the LSTM/sLSTM
# 12x64 backward step spend their cycles (step_profile.py, the backward now has marks too), and what edited template
# copies gain: a fast softplus and fast division in the sLSTM cell, fewer state stores; backward without the drec
# stores, without the dWx stores, without input staging, with a trivial cell. Run on the GPU machine from the
# repository root: bash bench/scripts/gpu-run-24.sh
set -u
R="$OUT/r"; mkdir -p "$R"
python3 templates/tools/snapshot_cell.py tests/FlashRnn.Gen.Tests/Snapshots/SLstm.verified.g.cs > /tmp/slstm.cuh
sed 's|s_new\[0\] = t5 \* frg_sigmoid(gin\[3\] + grec\[3\]) / t6;|s_new[0] = __fdividef(t5 * frg_sigmoid(gin[3] + grec[3]), t6);|' /tmp/slstm.cuh > /tmp/slstm-fdiv.cuh

. bench/scripts/variant.sh  # variant NAME FILE OLD NEW [FILE OLD NEW ...]
variant fastsp frg_math.cuh "log1pf(frg_exp(-fabsf(x)))" "__logf(1.0f + frg_exp(-fabsf(x)))"
variant fastsp1state frg_math.cuh "log1pf(frg_exp(-fabsf(x)))" "__logf(1.0f + frg_exp(-fabsf(x)))" \
  fused_forward.cu "for (int s = 0; s < kStates; ++s) *state_out[p][s] = to_store(s_new[s]);" "*state_out[p][0] = to_store(s_new[0]);"
variant nodrec fused_backward.cu "drec_out[p][g * kHD] = dgrec[g];" "(void)0;"
variant nodwx fused_backward.cu "dwx_out[p][g * kHD] = to_store(dgin[g]);" "(void)0;"
variant nostage fused_backward.cu "            wx_rows.issue(" "            if (t < 0) wx_rows.issue(" \
  fused_backward.cu "            gate_rows.issue(" "            if (t < 0) gate_rows.issue(" \
  fused_backward.cu "            state_rows.issue(" "            if (t < 0) state_rows.issue(" \
  fused_backward.cu "            if (dStates) dstate_rows.issue(" "            if (t < 0) dstate_rows.issue("
variant nocell fused_backward.cu "cell_backward(gin, grec, sp, t == 0, ds_new, dgin, dgrec, ds);" \
  "for (int g = 0; g < kGates; ++g) dgin[g] = dgrec[g] = gin[g] * ds_new[0] + grec[g]; for (int s = 0; s < kStates; ++s) ds[s] = ds_new[s] * sp[s];"

SP="timeout 90 python3"
PF="--plan 12,64,1,8,8,8,8"; PB="--plan 12,64,1,8,16,4,8 --plan 12,64,1,8,8,4,8 --plan 12,64,1,8,4,16,8"
{ echo "== LSTM fw as is"; $SP templates/tools/step_profile.py $PF
  echo "== sLSTM fw as is"; $SP templates/tools/step_profile.py --cell-source /tmp/slstm.cuh $PF
  echo "== sLSTM fw, fast softplus"; $SP /tmp/var-fastsp/templates/tools/step_profile.py --cell-source /tmp/slstm.cuh $PF
  echo "== sLSTM fw, fast softplus + fast division"; $SP /tmp/var-fastsp/templates/tools/step_profile.py --cell-source /tmp/slstm-fdiv.cuh $PF
  echo "== sLSTM fw, fast softplus + fast division, only y stored"; $SP /tmp/var-fastsp1state/templates/tools/step_profile.py --cell-source /tmp/slstm-fdiv.cuh $PF
  echo "== sLSTM fw as is, no marks"; $SP templates/tools/step_profile.py --no-marks --cell-source /tmp/slstm.cuh $PF
  echo "== sLSTM fw fast softplus + fast division, no marks"; $SP /tmp/var-fastsp/templates/tools/step_profile.py --no-marks --cell-source /tmp/slstm-fdiv.cuh $PF
} > "$R/forward.log" 2>&1
{ echo "== LSTM bw as is"; $SP templates/tools/step_profile.py --direction backward $PB
  echo "== LSTM bw as is, no marks"; $SP templates/tools/step_profile.py --direction backward --no-marks $PB
  for v in nodrec nodwx nostage nocell; do
    echo "== LSTM bw $v"; $SP /tmp/var-$v/templates/tools/step_profile.py --direction backward --plan 12,64,1,8,16,4,8
  done
  echo "== sLSTM bw as is"; $SP templates/tools/step_profile.py --direction backward --cell-source /tmp/slstm.cuh --plan 12,64,1,8,16,4,8
  echo "== sLSTM bw fast softplus + fast division"; $SP /tmp/var-fastsp/templates/tools/step_profile.py --direction backward --cell-source /tmp/slstm.cuh --plan 12,64,1,8,16,4,8
} > "$R/backward.log" 2>&1
cat "$R/variants.log" | grep -c "^[<>]" ; grep "failed" "$R/variants.log"; cat "$R/forward.log" "$R/backward.log"
tar czf "$OUT/run24.tgz" -C "$OUT" r
