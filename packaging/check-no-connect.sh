#!/usr/bin/env bash
# check-no-connect.sh HEARTH [SECONDS]: starts the window offscreen on a fresh data folder, with an
# unfinished download an earlier run left in its models folder, under
# `strace -f -e trace=connect` for SECONDS (default 6), and fails if Hearth called connect() on
# anything but a Unix socket. Nothing in Hearth, Qt or a library it loads may phone home unasked.
set -euo pipefail
hearth="$1"
seconds="${2:-6}"
command -v strace >/dev/null || { echo "check-no-connect.sh: strace is missing (packaging/deps.sh installs it)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models"
head -c 1000 /dev/zero >"$work/models/tiny.gguf.part"
cat >"$work/models/tiny.gguf.part.json" <<JSON
{"id": "acme/Tiny-GGUF/tiny.gguf", "url": "http://127.0.0.1:9/acme/Tiny-GGUF/resolve/main/tiny.gguf",
 "file": "tiny.gguf", "size": -1}
JSON
env XDG_CONFIG_HOME="$work/config" HEARTH_MODELS_DIR="$work/models" HF_ENDPOINT=http://127.0.0.1:9 \
    QT_QPA_PLATFORM=offscreen timeout -s TERM "$seconds" \
    strace -f -qq -e trace=connect -o "$work/trace" "$hearth" --data-dir "$work/data" >"$work/out" 2>&1 || true
if [ ! -f "$work/data/conversations.db" ]; then
  echo "check-no-connect.sh: hearth did not start:" >&2
  cat "$work/out" >&2
  exit 1
fi
if grep 'connect(' "$work/trace" | grep -v 'sa_family=AF_UNIX'; then
  echo "check-no-connect.sh: hearth connected to the network without being asked (above)" >&2
  exit 1
fi
echo "check-no-connect.sh: $(grep -c 'connect(' "$work/trace" || true) connect() calls in ${seconds} s, all to Unix sockets"
