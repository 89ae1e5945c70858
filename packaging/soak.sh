#!/usr/bin/env bash
# The soak tests (tests/soak, label slow): 10,000 tokens in one chat, 100 model switches, 50
# summaries, 1,000 API requests, with resident and GPU memory sampled throughout. Builds what is
# missing first (packaging/build.sh), prints each soak's figures, and exits non-zero when a soak
# failed or its memory grew more than 5 % after warm-up.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/packaging/build.sh"
# The soak tests exist only while HEARTH_SOAK is on, so that packaging/test.sh (and CI) skip them.
report="$(mktemp)"
trap 'rm -f "$report"; cmake -S "$root" -B "$root/build" -DHEARTH_SOAK=OFF >/dev/null' EXIT
cmake -S "$root" -B "$root/build" -DHEARTH_SOAK=ON >/dev/null
cmake --build "$root/build" --parallel "$(nproc)" --target tst_soak_chat
status=0
(cd "$root/build" && HEARTH_SOAK_REPORT="$report" ctest --output-on-failure --parallel "$(nproc)" -R '^soak\.' "$@") ||
  status=$?
echo "soak figures:"
cat "$report"
exit "$status"
