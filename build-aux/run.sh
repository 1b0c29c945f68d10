#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/run.sh [ARG…]: set up, build and run Zhuzhou Reader from the
# source tree. Installs missing packages, builds build/, then starts the
# reader window with ARG… (e.g. --db PATH, FILE…). When the window is not
# built (no GTK, or -Dgui=disabled) it shows the built-in sample edition
# with the command-line tool instead.
set -euo pipefail

cd "$(dirname "$0")/.."

build-aux/setup-deps.sh
build-aux/meson-setup.sh build
meson compile -C build

if [ -x build/src/ui/zhuzhou-reader ]; then
  if [ -d build/data ]; then
    export GSETTINGS_SCHEMA_DIR=$PWD/build/data
  fi
  exec build/src/ui/zhuzhou-reader "$@"
fi

echo "run: the reader window is not built; listing the sample edition with the CLI instead."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/src/cli/zhuzhou-reader-cli --db "$tmp/library.db" import data/sample
build/src/cli/zhuzhou-reader-cli --db "$tmp/library.db" articles
