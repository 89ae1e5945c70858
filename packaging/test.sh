#!/usr/bin/env bash
# Sets up everything, builds, and runs the whole test suite with ctest (lavapipe where there is
# no GPU). Extra arguments go to ctest (e.g. -L gpu, -R inference.gguf). Exits non-zero on failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/packaging/build.sh"
cd "$root/build"
ctest --output-on-failure --parallel "$(nproc)" "$@"
