#!/usr/bin/env bash
# Sets up everything Hearth needs on a Debian/Ubuntu machine, builds it and starts the app.
# Arguments are passed to hearth (e.g. a .gguf file to open, --data-dir DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/packaging/build.sh"
exec "$root/build/bin/hearth" "$@"
