#!/usr/bin/env bash
# GPU run 17 (diagnostic): where the first-call compile time went (NVRTC 13 on old and new templates, in one
# process and again in a second one), where a 12x64 / 1x768 forward step stalls (ncu source counters and SASS), what
# removing the input copies / state stores / cluster push would gain (step_profile on edited template copies), the
# plan sweeps behind two regressions (LSTM 48x16 fw, GRU 1x768 fw), and the runtime tests. Packed here with
#   ../shared/device/pack tests/FlashRnn.Runtime.Tests samples/FlashRnn.Bench
#   mkdir -p .device/old-templates && git archive c210023 templates | tar x -C .device/old-templates   (run 4's)
# and run on the GPU machine from the repository root with .device carried: bash bench/scripts/gpu-run-17.sh
set -u
export FLASHRNN_CACHE_DIR=/tmp/frc
R="$OUT/r"; mkdir -p "$R"
bench() { timeout "$1" bash .device/on-device dotnet .device/FlashRnn.Bench/FlashRnn.Bench.dll "${@:2}"; }

# ---- 1. compile time ----------------------------------------------------------------------------------------------
{ nproc; grep -m1 "model name" /proc/cpuinfo; cat /proc/loadavg; ls -la ~/.nv ~/.cache 2>&1 | head -20; env | grep -i -E "nvrtc|cuda_cache" ; } > "$R/machine.log" 2>&1
{ for pass in 1 2; do
    echo "== new templates, process $pass"; timeout 120 python3 templates/tools/nvrtc_timing.py --repeats 3
    echo "== run-4 templates (c210023), process $pass"; timeout 120 python3 templates/tools/nvrtc_timing.py --repeats 3 --templates .device/old-templates
  done; } > "$R/nvrtc-timing.log" 2>&1
bench 120 compile-time > "$R/compile-time.log" 2>&1
ls -laR ~/.nv 2>&1 | head -30 >> "$R/machine.log"

# ---- 2. per-phase cycles: the kernel as is, and edited copies that drop one part of the step ----------------------
variant() {  # variant NAME SED-EXPRESSION: a copy of templates/ with fused_forward.cu edited
  rm -rf "/tmp/var-$1"; mkdir -p "/tmp/var-$1"; cp -r templates "/tmp/var-$1/"; sed -i "$2" "/tmp/var-$1/templates/fused_forward.cu"
}
variant nocopy 's/^\(\s*\)stage_inputs(t + kInputStages - 1);/\1ptx::cp_async_commit();/'
variant nostore 's/^\(\s*\)states\[((static_cast<i64>(s) \* B + b) \* T + t) \* kHD + hu\] = to_store(s_new\[s\]);/\1(void)0;/'
variant nopush 's/^\(\s*\)fused::push_slice_to_cluster<mma_t, kBatchTile, U>(nxt, SLD, col0, kCtasPerHead, k);/\1(void)0;/'
for v in nocopy nostore nopush; do echo "== $v"; diff templates/fused_forward.cu /tmp/var-$v/templates/fused_forward.cu; done > "$R/variants.diff"
P12="--plan 12,64,1,8,8,8,8 --plan 12,64,1,16,16,4,8"; P768="--plan 1,768,16,8,6,44,8"
{ echo "== as is"; timeout 60 python3 templates/tools/step_profile.py $P12 $P768
  echo "== no input copies (inputs stale)"; timeout 60 python3 /tmp/var-nocopy/templates/tools/step_profile.py $P12 $P768
  echo "== no state stores"; timeout 60 python3 /tmp/var-nostore/templates/tools/step_profile.py $P12 $P768
  echo "== no cluster push (peers see stale slices)"; timeout 60 python3 /tmp/var-nopush/templates/tools/step_profile.py $P768
  echo "== as is, no marks"; timeout 60 python3 templates/tools/step_profile.py --no-marks --ptx-dir "$R/ptx" $P12 $P768
} > "$R/step-profile.log" 2>&1

# ---- 3. ncu: warp stalls per SASS instruction of the production kernels --------------------------------------------
for plan in 12,64,1,8,8,8,8 1,768,16,8,6,44,8; do
  tag=$(echo $plan | tr , _)
  timeout 120 ncu --target-processes all -k regex:frg_fused_forward --launch-skip 3 -c 1 \
    --section SourceCounters --section WarpStateStats --section SchedulerStats --section SpeedOfLight \
    -o "$R/ncu-$tag" python3 templates/tools/step_profile.py --no-marks --plan $plan > "$R/ncu-$tag.log" 2>&1
  timeout 60 ncu -i "$R/ncu-$tag.ncu-rep" --page source --print-source sass --csv > "$R/ncu-$tag-sass.csv" 2>&1
  timeout 60 ncu -i "$R/ncu-$tag.ncu-rep" --page details --print-details all > "$R/ncu-$tag-details.txt" 2>&1
done
for f in "$R"/ptx/*.ptx; do ptxas -arch=sm_90 -v "$f" -o "${f%.ptx}.cubin" >> "$R/ptxas.log" 2>&1 && cuobjdump -sass "${f%.ptx}.cubin" > "${f%.ptx}.sass" 2>&1; done

# ---- 4. plan sweeps behind the regressions; runtime tests --------------------------------------------------------
bench 150 plans --cell lstm --dtype bf16 --layout 48x16 --direction fw --reps 5 --out "$R/plans" > "$R/plans-48x16.log" 2>&1
bench 150 plans --cell gru --dtype bf16 --layout 1x768 --direction fw --reps 5 --out "$R/plans" > "$R/plans-gru768.log" 2>&1
timeout 150 bash .device/on-device dotnet .device/FlashRnn.Runtime.Tests/FlashRnn.Runtime.Tests.dll > "$R/runtime-tests.log" 2>&1
echo "runtime tests rc=$?" >> "$R/runtime-tests.log"

cat "$R/nvrtc-timing.log"; grep -E "compile time|first call" "$R/compile-time.log" | tail -4; cat "$R/step-profile.log"
grep -E "Total|rc=" "$R/runtime-tests.log"; tail -n 6 "$R/plans-48x16.log" "$R/plans-gru768.log"
tar czf "$OUT/run17.tgz" -C "$OUT" r
