#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/meson-setup.sh BUILDDIR [OPTION…]
# Configures BUILDDIR with the given options: a fresh `meson setup`, or a
# reconfigure of an existing one (keeping what is already compiled), or a
# wipe when the old configuration cannot be reused.
set -euo pipefail

builddir=$1
shift

if [ -f "$builddir/meson-private/coredata.dat" ]; then
  if meson setup --reconfigure "$builddir" "$@"; then
    exit 0
  fi
  echo "meson-setup: reconfiguring $builddir failed; wiping it" >&2
  exec meson setup --wipe "$builddir" "$@"
fi
exec meson setup "$builddir" "$@"
