#!/usr/bin/env bash
# Checks a built .deb: the files a desktop install needs are in it, the AppStream metainfo passes
# `appstreamcli validate --no-net`, the desktop entry `desktop-file-validate`, and lintian finds no
# error. `check-deb.sh --build BUILD_DIR` first makes a fresh .deb from BUILD_DIR with CPack into
# a temporary folder (the ctest packaging.deb). Exit status 0 only when every check passes.
set -euo pipefail
for tool in dpkg-deb appstreamcli desktop-file-validate lintian cpack; do
  command -v "$tool" >/dev/null || { echo "check-deb.sh: $tool is missing (packaging/deps.sh installs it)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ "${1:-}" = "--build" ]; then
  (cd "$2" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; exit 1; }
  deb="$(ls "$work"/out/hearth_*.deb)"
else
  deb="$1"
fi
name="$(basename "$deb")"
arch="$(dpkg --print-architecture)"
[[ "$name" =~ ^hearth_[0-9]+\.[0-9]+\.[0-9]+_${arch}\.deb$ ]] || { echo "unexpected file name $name" >&2; exit 1; }

fail=0
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' >"$work/files"
for f in /usr/bin/hearth /usr/bin/hearth-cli \
         /usr/share/applications/org.hearth.Hearth.desktop \
         /usr/share/mime/packages/hearth-gguf.xml \
         /usr/share/metainfo/org.hearth.Hearth.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/hearth.svg \
         /usr/share/icons/hicolor/48x48/apps/hearth.png \
         /usr/share/icons/hicolor/256x256/apps/hearth.png \
         /usr/share/doc/hearth/copyright /usr/share/doc/hearth/changelog.gz; do
  grep -qx "$f" "$work/files" || { echo "missing from the package: $f" >&2; fail=1; }
done
dpkg-deb -f "$deb" Depends | grep -q 'libqt6core6' || { echo "Depends lacks the shared libraries (dpkg-shlibdeps)" >&2; fail=1; }
dpkg-deb -f "$deb" Recommends | grep -q 'mesa-vulkan-drivers' || { echo "Recommends lacks a Vulkan driver" >&2; fail=1; }

dpkg-deb -x "$deb" "$work/root"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.hearth.Hearth.metainfo.xml" || fail=1
desktop-file-validate "$work/root/usr/share/applications/org.hearth.Hearth.desktop" || fail=1
# Each PNG is the size its folder says.
for png in "$work"/root/usr/share/icons/hicolor/*/apps/hearth.png; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  file "$png" | grep -q "${size/x/ x }," || { echo "$png is not $size" >&2; fail=1; }
done
lintian --fail-on error "$deb" || fail=1
[ "$fail" -eq 0 ] && echo "check-deb.sh: $name passes"
exit "$fail"
