#!/usr/bin/env bash
# Runs every fuzz target (tests/fuzz) for SECONDS each (default 60), one after another on one
# core, or only the targets named: packaging/fuzz.sh 600 gguf document
# Builds with clang, libFuzzer, ASan and UBSan into build-fuzz/ (installing clang's runtime when
# missing), writes each target's seed corpus, and keeps each corpus in build-fuzz/corpus/<target>
# between runs. Inputs that crash, hang or over-allocate are written to build-fuzz/crashes/<target>/;
# copy them into tests/fuzz/crashes/<target>/ with the fix, where ctest (fuzz.<target>) replays them.
# Exits non-zero when any target found a failure.
set -uo pipefail
seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-fuzz"
"$root/packaging/deps.sh"
if ! ls /usr/lib/llvm-14/lib/clang/14*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  apt-get install -y clang libclang-rt-14-dev >/dev/null
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(gguf tokenizer chat_template json http_request conversation_import document)
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DHEARTH_FUZZ=ON -DHEARTH_WERROR=OFF >/dev/null || exit 1
fi
cmake --build "$build" --parallel "$(nproc)" --target fuzz_seeds "${targets[@]/#/fuzz_}" || exit 1
seeds="$build/seeds"
rm -rf "$seeds"
QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/fuzz_seeds" "$seeds" || exit 1

failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  crashes="$build/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  cp -rn "$seeds/$target/." "$corpus/"
  # Known crashers first: a regression must fail at once.
  [ -d "$root/tests/fuzz/crashes/$target" ] && cp -n "$root/tests/fuzz/crashes/$target"/* "$corpus/" 2>/dev/null
  echo "== $target: $seconds s"
  log="$build/$target.log"
  QT_QPA_PLATFORM=offscreen "$build/tests/fuzz/fuzz_$target" "$corpus" -max_total_time="$seconds" \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
      -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|INFO: Loaded|==.*ERROR)" "$log" | head -8
  if [ $status -ne 0 ]; then
    echo "!! $target failed (exit $status): see $log and $crashes"
    failed+=("$target")
  fi
done
[ ${#failed[@]} -eq 0 ] && { echo "all targets ran clean"; exit 0; }
echo "failed: ${failed[*]}"
exit 1
