#!/usr/bin/env bash
# Renders resources/icons/hearth.svg into the PNG sizes the hicolor theme wants
# (resources/icons/hearth-SIZE.png, committed). Run after changing the SVG; needs rsvg-convert
# (Debian: librsvg2-bin).
set -euo pipefail
icons="$(cd "$(dirname "${BASH_SOURCE[0]}")/../resources/icons" && pwd)"
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$icons/hearth.svg" -o "$icons/hearth-$size.png"
done
