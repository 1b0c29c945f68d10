#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 / Ubuntu packages needed to build Zhuzhou Reader and
# run its whole test suite. Safe to run again: it only installs what is
# missing, and touches apt only when something is.
set -euo pipefail

packages=(
  # build
  meson ninja-build gcc pkg-config gettext
  libgtk-4-dev libglib2.0-dev libsqlite3-dev
  # tests: data validation, headless UI, screenshots, accessibility
  sqlite3 desktop-file-utils appstream
  xvfb xauth xdotool xclip imagemagick dbus at-spi2-core fonts-wqy-microhei time
  python3-pyatspi python3-dogtail
  # fuzzing (libFuzzer) and sanitizer runtimes
  clang libclang-rt-14-dev
)

if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-deps: this script knows Debian and Ubuntu (dpkg/apt-get) only." >&2
  echo "setup-deps: install these by hand: ${packages[*]}" >&2
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  # 'install ok installed' only: a package removed but not purged does not count.
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#packages[@]} packages are installed."
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup-deps: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup-deps: done."
