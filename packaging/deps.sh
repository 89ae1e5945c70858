#!/usr/bin/env bash
# Installs the system packages Hearth needs to build, run and test.
# One package list for every script; on systems without apt it prints what to install instead.
set -euo pipefail

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite qt6-qpa-plugins libqt6opengl6-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtquick-dialogs
  qml6-module-qtqml-workerscript qml6-module-qt-labs-platform qml6-module-qtcore
  qml6-module-qttest
  libvulkan-dev glslang-tools spirv-tools vulkan-validationlayers mesa-vulkan-drivers vulkan-tools
  libpcre2-dev libicu-dev libsqlite3-dev sqlite3 libsodium-dev
  libpoppler-qt6-dev libquazip1-qt6-dev libtesseract-dev tesseract-ocr-eng libgumbo-dev libuchardet-dev qpdf fonts-dejavu-core
  xvfb xauth curl
  dpkg-dev file appstream desktop-file-utils lintian strace
)

print_other_platforms() {
  cat <<'TXT'
Hearth needs: CMake >= 3.25, a C++20 compiler, Qt >= 6.4 (Base, Declarative, Sql+SQLite, Network,
HttpServer, WebSockets, Tools), the Vulkan loader and headers, glslangValidator, PCRE2, ICU, SQLite, libsodium, and for
documents Poppler-Qt6, QuaZip (Qt 6), Tesseract with English data, gumbo, uchardet (qpdf for the tests).
  Fedora:  sudo dnf install cmake ninja-build gcc-c++ qt6-qtbase-devel qt6-qtdeclarative-devel \
           qt6-qttools-devel qt6-qthttpserver-devel qt6-qtwebsockets-devel vulkan-loader-devel \
           vulkan-headers glslang vulkan-validation-layers mesa-vulkan-drivers pcre2-devel libicu-devel \
           sqlite-devel libsodium-devel poppler-qt6-devel quazip-qt6-devel tesseract-devel \
           tesseract-langpack-eng gumbo-parser-devel uchardet-devel qpdf
  Arch:    sudo pacman -S cmake ninja qt6-base qt6-declarative qt6-tools qt6-httpserver \
           qt6-websockets vulkan-icd-loader vulkan-headers glslang vulkan-validation-layers \
           vulkan-swrast pcre2 icu sqlite libsodium poppler-qt6 quazip-qt6 tesseract tesseract-data-eng \
           gumbo-parser uchardet qpdf
  macOS:   brew install cmake ninja qt molten-vk vulkan-loader vulkan-headers glslang pcre2 icu4c sqlite libsodium poppler \
           quazip tesseract gumbo-parser uchardet qpdf
  Windows: install the LunarG Vulkan SDK (loader, headers, glslangValidator, validation layers),
           Qt 6.4+ from the Qt online installer (MSVC 2022), then: vcpkg install pcre2 icu sqlite3 libsodium poppler[qt] quazip tesseract gumbo uchardet
           (and qpdf for the tests)
TXT
}

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps.sh: this system has no apt-get; install these packages yourself:" >&2
  print_other_platforms >&2
  exit 0
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
