#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/fuzz.sh [SECONDS] [HARNESS…]
#
# Builds the libFuzzer harnesses of tests/fuzz/ with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer in build-fuzz/ (or $ZR_FUZZ_BUILDDIR), then
# fuzzes each harness (default: all) for SECONDS (default 60), as many at
# once as there are cores. Starts from tests/fuzz/seeds/HARNESS/ and
# tests/fuzz/regressions/HARNESS/; new interesting inputs go to
# BUILDDIR/fuzz-corpus/HARNESS/ (kept between runs).
#
# Any crash, hang, leak or broken invariant is saved to
# tests/fuzz/regressions/HARNESS/, where the meson test replay-HARNESS
# replays it in every build from then on. Writes one line per harness to
# BUILDDIR/fuzz-results.txt ("NAME pass|fail DETAILS"); exits 1 if any
# harness failed.
set -uo pipefail

cd "$(dirname "$0")/.."
srcdir=$PWD

seconds=${1:-60}
[ $# -gt 0 ] && shift
all_harnesses=(figures page quotes search)
if [ $# -gt 0 ]; then
  harnesses=("$@")
else
  harnesses=("${all_harnesses[@]}")
fi
builddir=${ZR_FUZZ_BUILDDIR:-build-fuzz}
results=$builddir/fuzz-results.txt

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is missing (build-aux/setup-deps.sh installs it)" >&2
  exit 1
fi

# The core is instrumented for coverage (fuzzer-no-link) and sanitizers; the
# harnesses add the libFuzzer main (tests/fuzz/meson.build).
if ! CC=clang build-aux/meson-setup.sh "$builddir" \
       -Dfuzzing=true -Dgui=disabled \
       -Db_sanitize=address,undefined -Db_lundef=false \
       "-Dc_args=-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" >"$builddir.setup.log" 2>&1; then
  cat "$builddir.setup.log" >&2
  echo "fuzz: configuring $builddir failed" >&2
  exit 1
fi
rm -f "$builddir.setup.log"
if ! meson compile -C "$builddir" "${harnesses[@]/#/fuzz-}"; then
  echo "fuzz: building the harnesses failed" >&2
  exit 1
fi

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

: >"$results"
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -lt 1 ] && jobs=1

run_one () {
  local h=$1
  local corpus=$builddir/fuzz-corpus/$h
  local artifacts=$builddir/fuzz-artifacts/$h
  local log=$builddir/fuzz-$h.log
  mkdir -p "$corpus" "$artifacts" "$srcdir/tests/fuzz/regressions/$h"
  rm -f "$artifacts"/*
  "$builddir/tests/fuzz/fuzz-$h" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$corpus" "tests/fuzz/seeds/$h" "tests/fuzz/regressions/$h" >"$log" 2>&1
  local rc=$?
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ $rc -eq 0 ]; then
    echo "$h pass ${runs:-?} runs in ${seconds}s" >>"$results"
    echo "fuzz: $h: clean, ${runs:-?} runs in ${seconds}s"
    return 0
  fi
  local saved=()
  for f in "$artifacts"/*; do
    [ -f "$f" ] || continue
    cp "$f" "tests/fuzz/regressions/$h/"
    saved+=("tests/fuzz/regressions/$h/$(basename "$f")")
  done
  echo "$h fail exit $rc, saved: ${saved[*]:-nothing}" >>"$results"
  {
    echo "fuzz: $h: FAILED (exit $rc); last lines of $log:"
    grep -E 'SUMMARY|ERROR|runtime error|assertion|Test unit written' "$log" | head -n 20
    tail -n 15 "$log"
    if [ ${#saved[@]} -gt 0 ]; then
      echo "fuzz: $h: input saved as ${saved[*]}"
      echo "fuzz: replay it with: meson test -C build --suite fuzz replay-$h, fix, then commit the file"
    fi
  } >&2
  return 1
}

failed=0
running=0
for h in "${harnesses[@]}"; do
  if [ $running -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$h" &
  running=$((running + 1))
done
while [ $running -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done

exit $failed
