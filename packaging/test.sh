#!/usr/bin/env bash
# Sets up everything, builds, and runs the whole test suite with ctest (lavapipe where there is
# no GPU). Extra arguments go to ctest (e.g. -L gpu, -R inference.gguf). Exits non-zero on failure.
#
#   packaging/test.sh --sanitize=address,undefined [ctest args]
#     builds RelWithDebInfo with ASan+UBSan into build-asan/ and runs the unit and gpu labels there
#     (any report stops the test that made it; suppressions in packaging/sanitizers/).
#   packaging/test.sh --sanitize=thread [ctest args]
#     builds with TSan into build-tsan/ and runs the tests whose work crosses threads: the engine
#     worker, the downloader, the API server, the summarizer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sanitize=""
if [[ "${1:-}" == --sanitize=* ]]; then
  sanitize="${1#--sanitize=}"
  shift
fi
if [ -z "$sanitize" ]; then
  "$root/packaging/build.sh"
  cd "$root/build"
  exec ctest --output-on-failure --parallel "$(nproc)" "$@"
fi

"$root/packaging/deps.sh"
supp="$root/packaging/sanitizers"
case "$sanitize" in
  address,undefined|undefined,address)
    build="$root/build-asan"
    flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    # Leaks are checked (detect_leaks=1); a report stops the process with a failing exit code.
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:suppressions=$supp/asan.supp"
    export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$supp/ubsan.supp"
    # The Vulkan loader unloads lavapipe when the instance goes; its globals then point nowhere
    # LSan can see and a 128-byte buffer of Mesa's reads as leaked from "<unknown module>", which no
    # suppression can name. Preloaded, the driver stays mapped (see packaging/sanitizers/README.md).
    lavapipe="$(ls /usr/lib/*/libvulkan_lvp.so 2>/dev/null | head -1 || true)"
    if [ -n "$lavapipe" ]; then
      export LD_PRELOAD="$lavapipe${LD_PRELOAD:+:$LD_PRELOAD}"
      export ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0"
    fi
    labels=(-L "unit|gpu")
    ;;
  thread)
    build="$root/build-tsan"
    flags="-fsanitize=thread -fno-omit-frame-pointer"
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp"
    labels=(-R "app\\.engine|app\\.models\\.downloader|app\\.server|app\\.documents\\.summarizer")
    ;;
  *)
    echo "test.sh: --sanitize takes address,undefined or thread" >&2
    exit 2
    ;;
esac
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARTH_WERROR=OFF \
        -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags"
fi
cmake --build "$build" --parallel "$(nproc)"
cd "$build"
exec ctest --output-on-failure --parallel "$(nproc)" "${labels[@]}" "$@"
