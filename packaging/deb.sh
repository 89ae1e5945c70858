#!/usr/bin/env bash
# Builds build/hearth_<version>_<arch>.deb: the Release build of hearth and hearth-cli (build.sh),
# then CPack's DEB generator over `cmake --install` (packaging/CMakeLists.txt says what goes in),
# then the checks of packaging/check-deb.sh. Install it with: sudo apt-get install ./build/hearth_*.deb
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/packaging/build.sh" --target hearth hearth-cli hearth_changelog
(cd "$root/build" && cpack -G DEB)
deb="$(ls -t "$root"/build/hearth_*.deb | head -1)"
"$root/packaging/check-deb.sh" "$deb"
echo "$deb"
