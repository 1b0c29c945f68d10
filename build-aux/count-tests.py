#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts subtests across meson test logs and fuzz runs.

Usage: count-tests.py [--fuzz-results FILE] [--failed-steps N] TESTLOG.json...

meson's own summary counts test programs, and testlog.json (one JSON object
per test program per line) does not list TAP subtests, so they are counted
from each program's stdout: "ok N" passes, "not ok N" fails ("# SKIP" and
"# TODO" are neither). A program with no TAP lines counts once, by its
result. A program that failed, or whose output holds a sanitizer report,
counts at least one failure even when every line it printed was "ok".

Prints one line per log, then "N passed, N failed" last. Exits 1 if
anything failed.
"""
import argparse
import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')
DIRECTIVE = re.compile(r'#\s*(SKIP|TODO)\b', re.IGNORECASE)
SANITIZER = re.compile(r'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)'
                       r'|: runtime error: ')
GOOD_RESULTS = {'OK', 'EXPECTEDFAIL'}


def count_log(path):
    passed = failed = skipped = 0
    failures = []
    with open(path, encoding='utf-8', errors='replace') as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            test = json.loads(line)
            name = test.get('name', '?')
            result = test.get('result', 'ERROR')
            out = test.get('stdout') or ''
            err = test.get('stderr') or ''
            t_pass = t_fail = t_skip = 0
            tap = False
            for tap_line in out.splitlines():
                m = TAP_LINE.match(tap_line)
                if m is None:
                    continue
                tap = True
                directive = DIRECTIVE.search(m.group(2))
                if directive is not None:
                    t_skip += 1  # SKIP, or TODO: a known gap, not a pass
                elif m.group(1) == 'ok':
                    t_pass += 1
                else:
                    t_fail += 1
            if not tap and re.search(r'^1\.\.0\b', out, re.MULTILINE):
                tap = True
                t_skip += 1
            if not tap:
                if result in GOOD_RESULTS:
                    t_pass += 1
                elif result == 'SKIP':
                    t_skip += 1
                else:
                    t_fail += 1
            bad = result not in GOOD_RESULTS and result != 'SKIP'
            sanitizer = SANITIZER.search(out) or SANITIZER.search(err)
            if (bad or sanitizer) and t_fail == 0:
                t_fail = 1
            if t_fail:
                why = 'sanitizer report' if sanitizer else result
                failures.append('%s (%s)' % (name, why))
            passed += t_pass
            failed += t_fail
            skipped += t_skip
    return passed, failed, skipped, failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--fuzz-results', default=None)
    parser.add_argument('--failed-steps', type=int, default=0)
    parser.add_argument('logs', nargs='*')
    args = parser.parse_args()

    passed = failed = skipped = 0
    for path in args.logs:
        try:
            p, f, s, failures = count_log(path)
        except (OSError, ValueError) as e:
            print('%s: unreadable (%s)' % (path, e))
            failed += 1
            continue
        print('%s: %d passed, %d failed, %d skipped' % (path, p, f, s))
        for name in failures:
            print('  failed: %s' % name)
        passed += p
        failed += f
        skipped += s

    if args.fuzz_results is not None:
        p = f = 0
        failures = []
        try:
            with open(args.fuzz_results, encoding='utf-8') as results:
                for line in results:
                    words = line.split()
                    if len(words) >= 2:
                        if words[1] == 'pass':
                            p += 1
                        else:
                            f += 1
                            failures.append('fuzz-%s (%s)' % (words[0], ' '.join(words[1:])))
        except OSError as e:
            failures.append('%s unreadable: fuzzing did not run (%s)' % (args.fuzz_results, e))
            f += 1
        print('fuzzing: %d passed, %d failed' % (p, f))
        for name in failures:
            print('  failed: %s' % name)
        passed += p
        failed += f

    if args.failed_steps:
        print('steps that failed before their tests could run: %d' % args.failed_steps)
        failed += args.failed_steps
    if skipped:
        print('skipped (not counted): %d' % skipped)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
