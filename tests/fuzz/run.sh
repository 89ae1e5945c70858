#!/usr/bin/env bash
# Runs the GGUF reader fuzzer for SECONDS (default 60) on one core.
# Builds with clang into build-fuzz/ (needs clang and libclang-rt-14-dev), seeds the corpus with
# small valid files, and keeps the corpus in build-fuzz/corpus between runs. Inputs that crash are
# written to build-fuzz/crashes/; copy them to tests/fuzz/crashes/ so the regression test keeps them.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$root/build-fuzz"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DHEARTH_FUZZ=ON -DHEARTH_WERROR=OFF >/dev/null
fi
cmake --build "$build" --target fuzz_gguf fuzz_gguf_seeds
mkdir -p "$build/corpus" "$build/crashes"
"$build/tests/fuzz/fuzz_gguf_seeds" "$build/corpus"
# Known crashers first: a regression must fail at once.
[ -d "$root/tests/fuzz/crashes" ] && cp -n "$root"/tests/fuzz/crashes/* "$build/corpus/" 2>/dev/null || true
exec "$build/tests/fuzz/fuzz_gguf" "$build/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
     -rss_limit_mb=2048 -malloc_limit_mb=512 -artifact_prefix="$build/crashes/" -print_final_stats=1
