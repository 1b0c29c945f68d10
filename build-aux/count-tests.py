#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts distinct tests across meson test logs and fuzz runs.

Usage: count-tests.py [--fuzz-results FILE] [--failed-steps N]
                      [--registered LIST]... [--require NAME]... TESTLOG.json...

meson's own summary counts test programs, and testlog.json (one JSON object
per test program per line) does not list TAP subtests, so they are read
from each program's stdout: "ok N name" passes, "not ok N name" fails
("# SKIP" and "# TODO" are neither).

The same subtest runs several times: in each build (build/ and build-asan/)
and, for the window tests, in each language. It is counted once, as a
distinct test, and fails if any of its runs failed. A GLib subtest is known
by its path (/ui/window/…); another TAP line by its program and
description; a program with no TAP lines by its name, with a language
suffix (-zh_CN) dropped. A program that failed, or whose output holds a
sanitizer report, counts a failure even when every line it printed was
"ok".

--registered names a file holding `meson test --list` of one build (in its
meson-logs/): every test listed there must have run in that build (its
logs are the TESTLOGs under the same folder), or it counts as a failure.
--require names a test (as in meson.build, e.g. test-a11y) that must have
run and passed, not skipped, in every build: tests that need a tool
(xdotool, pyatspi, appstreamcli…) skip without it, and the set-up script
installs them, so in CI a missing tool is a failure.

Prints what each log held, then the distinct counts and the number of
runs, then "N passed, N failed" last (distinct tests, plus one per fuzz
harness and one per failed step). Exits 1 if anything failed.
"""
import argparse
import json
import os
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*(?:-\s+)?(.*)$')
DIRECTIVE = re.compile(r'\s*#\s*(SKIP|TODO)\b.*$', re.IGNORECASE)
SANITIZER = re.compile(r'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)'
                       r'|: runtime error: ')
GOOD_RESULTS = {'OK', 'EXPECTEDFAIL'}
LANGUAGE_SUFFIX = re.compile(r'-[a-z]{2,3}_[A-Z]{2}$')

PASS, SKIP, FAIL = 'pass', 'skip', 'fail'


def short_name(name):
    """'zhuzhou-reader:ui / test-window-zh_CN' → 'test-window-zh_CN'"""
    return name.split(' / ', 1)[-1]


def program_key(name):
    """The program's name without its language suffix"""
    return LANGUAGE_SUFFIX.sub('', short_name(name))


class Counter:
    def __init__(self):
        self.outcomes = {}   # distinct key → list of PASS/SKIP/FAIL, one per run
        self.failures = []   # what failed, for the report
        self.ran = {}        # build folder → {test name: meson result}

    def add(self, key, outcome):
        self.outcomes.setdefault(key, []).append(outcome)

    def read_log(self, path):
        runs = {PASS: 0, SKIP: 0, FAIL: 0}
        build = os.path.dirname(os.path.dirname(os.path.abspath(path)))
        ran = self.ran.setdefault(build, {})
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
                program = program_key(name)
                tap = False
                tap_failed = False
                for tap_line in out.splitlines():
                    m = TAP_LINE.match(tap_line)
                    if m is None:
                        continue
                    tap = True
                    description = m.group(3)
                    skipped = DIRECTIVE.search(description) is not None
                    description = DIRECTIVE.sub('', description).strip()
                    if description.startswith('/'):
                        key = description
                    elif description:
                        key = '%s: %s' % (program, description)
                    else:
                        key = '%s #%s' % (program, m.group(2))
                    if skipped:
                        outcome = SKIP
                    elif m.group(1) == 'ok':
                        outcome = PASS
                    else:
                        outcome = FAIL
                        tap_failed = True
                        self.failures.append('%s: %s' % (short_name(name), key))
                    self.add(key, outcome)
                    runs[outcome] += 1
                whole_skip = (result == 'SKIP' or
                              (not tap and re.search(r'^1\.\.0\b', out, re.MULTILINE) is not None))
                ran[short_name(name)] = 'SKIP' if whole_skip else result
                if not tap:
                    outcome = PASS if result in GOOD_RESULTS and not whole_skip else (
                        SKIP if whole_skip else FAIL)
                    self.add(program, outcome)
                    runs[outcome] += 1
                    if outcome == FAIL:
                        self.failures.append('%s (%s)' % (short_name(name), result))
                    continue
                bad = result not in GOOD_RESULTS and result != 'SKIP'
                sanitizer = SANITIZER.search(out) or SANITIZER.search(err)
                if (bad or sanitizer) and not tap_failed:
                    # it crashed, or a sanitizer spoke, after its last "ok"
                    why = 'sanitizer report' if sanitizer else result
                    self.add('%s (the program)' % program, FAIL)
                    runs[FAIL] += 1
                    self.failures.append('%s (%s)' % (short_name(name), why))
        return runs

    def distinct(self):
        passed = failed = skipped = 0
        for outcomes in self.outcomes.values():
            if FAIL in outcomes:
                failed += 1
            elif PASS in outcomes:
                passed += 1
            else:
                skipped += 1
        return passed, failed, skipped


def read_registered(path):
    names = []
    with open(path, encoding='utf-8') as listing:
        for line in listing:
            line = line.strip()
            if ' / ' in line and ':' in line.split(' / ', 1)[0]:
                names.append(short_name(line))
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--fuzz-results', default=None)
    parser.add_argument('--failed-steps', type=int, default=0)
    parser.add_argument('--registered', action='append', default=[])
    parser.add_argument('--require', action='append', default=[])
    parser.add_argument('logs', nargs='*')
    args = parser.parse_args()

    counter = Counter()
    extra_failed = 0
    extra_passed = 0
    problems = []
    total_runs = 0

    for path in args.logs:
        try:
            runs = counter.read_log(path)
        except (OSError, ValueError) as e:
            print('%s: unreadable (%s)' % (path, e))
            problems.append('%s unreadable' % path)
            continue
        total_runs += sum(runs.values())
        print('%s: %d runs passed, %d failed, %d skipped' % (path, runs[PASS], runs[FAIL], runs[SKIP]))

    # Every registered test ran
    for listing in args.registered:
        build = os.path.dirname(os.path.dirname(os.path.abspath(listing)))
        try:
            registered = read_registered(listing)
        except OSError as e:
            problems.append('%s unreadable (%s)' % (listing, e))
            continue
        ran = counter.ran.get(build, {})
        for name in registered:
            if name not in ran:
                problems.append('%s: registered in %s but did not run' % (name, os.path.basename(build)))
        print('%s: %d tests registered, %d ran' % (os.path.basename(build), len(registered),
                                                  sum(1 for n in registered if n in ran)))

    # Tests that need a tool ran, and were not skipped, in every build
    for name in args.require:
        if not counter.ran:
            problems.append('%s: no test logs' % name)
        for build, ran in sorted(counter.ran.items()):
            where = os.path.basename(build)
            if name not in ran:
                problems.append('%s: not registered or not run in %s (is its tool installed?)' % (name, where))
            elif ran[name] == 'SKIP':
                problems.append('%s: skipped in %s (is its tool installed?)' % (name, where))

    passed, failed, skipped = counter.distinct()
    print('distinct tests: %d passed, %d failed, %d skipped, in %d runs' % (passed, failed, skipped, total_runs))
    for name in counter.failures:
        print('  failed: %s' % name)

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
        extra_passed += p
        extra_failed += f

    for problem in problems:
        print('  failed: %s' % problem)
    extra_failed += len(problems)
    if args.failed_steps:
        print('steps that failed before their tests could run: %d' % args.failed_steps)
        extra_failed += args.failed_steps
    if skipped:
        print('skipped (not counted): %d' % skipped)
    print('%d passed, %d failed' % (passed + extra_passed, failed + extra_failed))
    return 1 if failed + extra_failed else 0


if __name__ == '__main__':
    sys.exit(main())
