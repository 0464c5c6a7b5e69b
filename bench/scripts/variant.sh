# bench/scripts/variant.sh - sourced by the diagnostic GPU runs (gpu-run-24, -25, -33) that measure edited copies of the
# kernel templates. Needs $R (the run's result folder): each edit failure and the diff of each copy go to $R/variants.log.
variant() {  # variant NAME FILE OLD NEW [FILE OLD NEW ...]: a copy of templates/ with exact-text edits
  local name="$1"; shift
  rm -rf "/tmp/var-$name"; mkdir -p "/tmp/var-$name"; cp -r templates "/tmp/var-$name/"
  while [ $# -ge 3 ]; do
    python3 - "/tmp/var-$name/templates/$1" "$2" "$3" <<'PY' || echo "variant $name: edit failed" >> "$R/variants.log"
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
assert text.count(old) == 1, (path, old, text.count(old))
open(path, "w").write(text.replace(old, new))
PY
    shift 3
  done
  diff -r templates "/tmp/var-$name/templates" >> "$R/variants.log"
}
