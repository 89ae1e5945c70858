#!/bin/sh
# packaging/gpu-check.sh [BUILD_DIR] [REPORT_DIR]
#
# The check for a machine with a real GPU, in one run that builds nothing: given a build folder
# made elsewhere (packaging/build.sh), it records the device, benchmarks the standard models,
# scores perplexity, runs the `gpu` test label, and, when node-llama-cpp is in the benchmark
# cache, the side-by-side comparison. Everything lands in REPORT_DIR (default $OUT, else
# gpu-check-report/): report.md plus each step's raw output. The whole run keeps to a budget
# (GPU_CHECK_SECONDS, default 330: the device tool's 6 minutes with room to copy back); a step
# that would start past it is listed as skipped, never silently dropped.
#
# Test data comes from HEARTH_TESTDATA (default ../shared/testdata, or testdata/ beside the
# build folder when that exists: copy it there to carry it to a machine without ../shared).
set -u
build=${1:-build}
out=${2:-${OUT:-gpu-check-report}}
budget=${GPU_CHECK_SECONDS:-330}
cli="$build/bin/hearth-cli"
mkdir -p "$out"
report="$out/report.md"
start=$(date +%s)
left() { echo $((budget - ($(date +%s) - start))); }

if [ ! -x "$cli" ]; then
  echo "gpu-check: $cli not found; build first (packaging/build.sh) or name the build folder" >&2
  exit 2
fi
if [ -z "${HEARTH_TESTDATA:-}" ]; then
  if [ -d "$build/../testdata" ]; then HEARTH_TESTDATA=$(cd "$build/../testdata" && pwd); else HEARTH_TESTDATA=$(cd "$(dirname "$0")/../.." && pwd)/shared/testdata; fi
fi
export HEARTH_TESTDATA

# step NAME SECONDS COMMAND...: runs COMMAND with at most SECONDS (and what is left of the
# budget), output into $out/NAME.log, and one line in the report.
step() {
  name=$1; limit=$2; shift 2
  remaining=$(left)
  if [ "$remaining" -lt 10 ]; then
    echo "- $name: skipped (budget of ${budget} s spent)" >>"$report"
    return 1
  fi
  [ "$limit" -gt "$remaining" ] && limit=$remaining
  t0=$(date +%s)
  timeout "$limit" "$@" >"$out/$name.log" 2>&1
  rc=$?
  took=$(($(date +%s) - t0))
  case $rc in
    0) echo "- $name: ok (${took} s)" >>"$report" ;;
    124) echo "- $name: stopped at its limit of ${limit} s" >>"$report" ;;
    *) echo "- $name: FAILED, exit $rc (${took} s), see $name.log" >>"$report" ;;
  esac
  return $rc
}

{
  echo "# Hearth GPU check"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- version: $("$cli" version 2>&1)"
  echo "- host: $(uname -srm), $(nproc) cores"
  command -v nvidia-smi >/dev/null && echo "- nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1)"
  echo
  echo "## Steps"
} >"$report"

step devices 30 "$cli" devices

models="$out/models"
mkdir -p "$models"
for type in q4_k_m q8_0 q4_0; do
  step "make-1b-$type" 60 "$cli" make-test-model --preset 1b --type "$type" -o "$models/1b-$type.gguf"
done

for model in "$HEARTH_TESTDATA/stories260K.gguf" "$models"/1b-*.gguf; do
  [ -f "$model" ] || continue
  name=$(basename "$model" .gguf)
  step "bench-$name" 90 "$cli" bench -m "$model" --pp 512 --tg 128 --reps 3 --json
done

story="$out/story.txt"
for copy in 1 2 3 4; do
  printf '%s\n' "Once upon a time, there was a little girl named Lily. She loved to play outside in the sun. One day, she saw a big red ball in the park. She ran to the ball and picked it up. A boy named Tom came and said, \"That is my ball.\" Lily smiled and gave it back, and they played together all day."
done >"$story"
step perplexity-stories260K 60 "$cli" perplexity -m "$HEARTH_TESTDATA/stories260K.gguf" -f "$story" --ctx 64 --json

step ctest-gpu 240 ctest --test-dir "$build" -L gpu -j "$(nproc)" --output-on-failure

cache=${HEARTH_BENCH_CACHE:-$HOME/.cache/hearth-bench}
if [ -d "$cache/node_modules/node-llama-cpp" ]; then
  step compare-1b-q4_k_m 120 sh "$(dirname "$0")/../inference/bench/compare.sh" "$models/1b-q4_k_m.gguf"
else
  echo "- compare: skipped (node-llama-cpp is not in $cache; run inference/bench/compare.sh once where npm works and carry the cache)" >>"$report"
fi

{
  echo
  echo "## Figures"
  echo
  echo "| model | prompt tok/s | generation tok/s |"
  echo "|---|---|---|"
  for log in "$out"/bench-*.log; do
    [ -f "$log" ] || continue
    python3 - "$log" <<'PY' 2>/dev/null || echo "| $(basename "$log" .log) | (no JSON) | |"
import json, sys
path = sys.argv[1]
text = open(path).read()
start = text.rfind("\n{") + 1 if not text.startswith("{") else 0
data = json.loads(text[start:])
name = path.rsplit("/", 1)[-1][len("bench-"):-len(".log")]
pp = data.get("pp_tps", data.get("prompt_tps", {}))
tg = data.get("tg_tps", data.get("gen_tps", {}))
med = lambda v: v.get("median", v) if isinstance(v, dict) else v
print(f"| {name} | {med(pp):.1f} | {med(tg):.1f} |")
PY
  done
  echo
  grep -h "tests passed\|tests failed" "$out/ctest-gpu.log" 2>/dev/null | sed 's/^/- ctest: /'
  [ -f "$out/perplexity-stories260K.log" ] && echo "- perplexity: $(tail -1 "$out/perplexity-stories260K.log")"
  echo "- total: $(($(date +%s) - start)) s of a ${budget} s budget"
} >>"$report"

rm -rf "$models" # 2 GB of generated weights need not come back
cat "$report"
grep -q "FAILED" "$report" && exit 1
exit 0
