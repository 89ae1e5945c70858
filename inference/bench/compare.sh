#!/usr/bin/env bash
# Hearth against llama.cpp on the same GGUF file and machine, interleaved, medians: prompt tok/s
# (pp128, pp512) and generation tok/s (tg64) for Hearth, llama.cpp on the CPU and llama.cpp on
# Vulkan, with Hearth's ratio to each. llama.cpp is the prebuilt node-llama-cpp package from npm,
# installed into a cache folder ($HEARTH_BENCH_CACHE, default ~/.cache/hearth-bench), never into
# the repository. Needs Node 18+ and a built hearth-cli.
#   inference/bench/compare.sh MODEL.gguf [--pp 128,512] [--tg 64] [--reps 3] [--threads 2]
#                              [--backends cpu,vulkan] [--timeout 900]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="${1:?usage: compare.sh MODEL.gguf [--pp 128,512] [--tg 64] [--reps 3] [--threads 2] [--backends cpu,vulkan] [--timeout S]}"
shift
pp=128,512 tg=64 reps=3 threads=2 backends=cpu,vulkan timeout=900
while [ $# -gt 0 ]; do
  case "$1" in
    --pp) pp="$2" ;; --tg) tg="$2" ;; --reps) reps="$2" ;; --threads) threads="$2" ;;
    --backends) backends="$2" ;; --timeout) timeout="$2" ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
cli="${HEARTH_CLI:-$root/build/bin/hearth-cli}"
[ -x "$cli" ] || { echo "compare.sh: no $cli; build first (packaging/build.sh)" >&2; exit 1; }
command -v node >/dev/null || { echo "compare.sh: needs Node.js (apt-get install nodejs npm)" >&2; exit 1; }

cache="${HEARTH_BENCH_CACHE:-$HOME/.cache/hearth-bench}"
mkdir -p "$cache"
if [ ! -d "$cache/node_modules/node-llama-cpp" ]; then
  echo "compare.sh: installing node-llama-cpp 3.21.1 into $cache" >&2
  [ -f "$cache/package.json" ] || echo '{"name":"hearth-bench","private":true,"type":"module"}' > "$cache/package.json"
  (cd "$cache" && npm i -E node-llama-cpp@3.21.1 --no-audit --no-fund >&2)
fi
# llama.cpp's Vulkan backend hides CPU devices (lavapipe) unless they are listed explicitly.
export GGML_VK_VISIBLE_DEVICES="${GGML_VK_VISIBLE_DEVICES:-0}"
# The scripts run from the cache folder so that Node resolves node-llama-cpp there.
cp "$root/inference/bench/compare.mjs" "$root/inference/bench/llama_cpp_bench.mjs" "$cache/"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
node "$cache/compare.mjs" "$cli" "$(realpath "$model")" "$pp" "$tg" "$reps" "$threads" "$backends" "$timeout"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
