#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/test.sh: the whole test suite, from a fresh machine.
# This is the test command: .ci/run runs it and nothing else.
#
#  1. installs missing packages (build-aux/setup-deps.sh);
#  2. builds build/ with -Dwerror=true and runs every suite: the ui suite
#     under xvfb-run, the others with no display at all;
#  3. builds build-asan/ with AddressSanitizer + UndefinedBehaviorSanitizer
#     (leak checking on) and runs every suite again; a sanitizer report fails;
#  4. fuzzes each harness of tests/fuzz/ for FUZZ_SECONDS (default 60) with
#     libFuzzer (build-aux/fuzz.sh, build-fuzz/);
#  5. prints, last, "N passed, N failed": distinct tests (a subtest that
#     runs in both builds and both languages counts once, failing if any
#     run failed) plus one per clean fuzz harness; a test registered in
#     `meson test --list` that did not run, or one of the tests that need a
#     tool (required_tests below) skipped, counts as a failure. Exits 1 if
#     anything failed.
#
# Environment: FUZZ_SECONDS (0 skips fuzzing), ZR_BUILDDIR, ZR_ASAN_BUILDDIR,
# ZR_FUZZ_BUILDDIR (build directories, default build, build-asan, build-fuzz).
set -uo pipefail

cd "$(dirname "$0")/.."

fuzz_seconds=${FUZZ_SECONDS:-60}
builddir=${ZR_BUILDDIR:-build}
asandir=${ZR_ASAN_BUILDDIR:-build-asan}
fuzzdir=${ZR_FUZZ_BUILDDIR:-build-fuzz}
xvfb=(xvfb-run -a -s "-screen 0 1600x1000x24")
start=$(date +%s)
failed_steps=0
logs=()
registered=()
# Defined or run only when their tool is found; setup-deps.sh installs
# every one of those tools, so here a skip is a failure.
required_tests=(validate-desktop validate-metainfo validate-schema test-a11y test-unique)

step () {
  echo
  echo "==> $* ($(( $(date +%s) - start ))s)"
}

finish () {
  local fuzz_args=()
  if [ "$fuzz_seconds" != 0 ]; then
    fuzz_args=(--fuzz-results "$fuzzdir/fuzz-results.txt")
  fi
  local check_args=()
  for list in "${registered[@]}"; do
    check_args+=(--registered "$list")
  done
  for name in "${required_tests[@]}"; do
    check_args+=(--require "$name")
  done
  step "Summary, after $(( $(date +%s) - start ))s"
  python3 build-aux/count-tests.py --failed-steps "$failed_steps" "${fuzz_args[@]}" \
    "${check_args[@]}" "${logs[@]}"
  exit $?
}

# A test that needs a display must not find one by accident: everything but
# the ui suite runs with none.
run_suites () {
  local dir=$1
  shift
  local has_ui
  has_ui=$(meson introspect "$dir" --tests | python3 -c '
import json, sys
print(any(s.endswith(":ui") for t in json.load(sys.stdin) for s in t["suite"]))')

  rm -f "$dir"/meson-logs/testlog-*.json
  # what should run, to compare with what did
  meson test -C "$dir" --no-rebuild --list > "$dir/meson-logs/registered-tests.txt" 2>/dev/null
  registered+=("$dir/meson-logs/registered-tests.txt")
  env -u DISPLAY -u WAYLAND_DISPLAY \
    meson test -C "$dir" --num-processes 2 --print-errorlogs \
      --no-suite ui --logbase testlog-nodisplay "$@"
  logs+=("$dir/meson-logs/testlog-nodisplay.json")
  if [ "$has_ui" = True ]; then
    "${xvfb[@]}" meson test -C "$dir" --num-processes 2 --print-errorlogs \
      --suite ui --logbase testlog-ui "$@"
    logs+=("$dir/meson-logs/testlog-ui.json")
  fi
  # meson's exit status is not needed: count-tests.py reads the logs.
  return 0
}

step "Packages"
if ! build-aux/setup-deps.sh; then
  echo "test: installing packages failed" >&2
  failed_steps=$((failed_steps + 1))
  finish
fi

step "Build $builddir (-Dwerror=true)"
if build-aux/meson-setup.sh "$builddir" -Dwerror=true -Db_sanitize=none -Dfuzzing=false \
   && meson compile -C "$builddir"; then
  step "Tests in $builddir"
  run_suites "$builddir"
else
  echo "test: building $builddir failed" >&2
  failed_steps=$((failed_steps + 1))
fi

step "Build $asandir (AddressSanitizer, UndefinedBehaviorSanitizer)"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# GLib 2.74 still has its slice allocator; plain malloc lets ASan see it all.
export G_SLICE=always-malloc
if build-aux/meson-setup.sh "$asandir" -Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=false \
   && meson compile -C "$asandir"; then
  step "Tests in $asandir"
  run_suites "$asandir" --timeout-multiplier 3
else
  echo "test: building $asandir failed" >&2
  failed_steps=$((failed_steps + 1))
fi
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS G_SLICE

if [ "$fuzz_seconds" != 0 ]; then
  step "Fuzzing, ${fuzz_seconds}s per harness"
  # If fuzz.sh stops before any harness ran (set-up or build failed), the
  # missing results file counts as a failure.
  rm -f "$fuzzdir/fuzz-results.txt"
  ZR_FUZZ_BUILDDIR=$fuzzdir build-aux/fuzz.sh "$fuzz_seconds"
fi

finish
