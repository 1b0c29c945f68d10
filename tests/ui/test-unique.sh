#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A second start of the reader hands its files to the one already open
# (GApplication uniqueness on the session bus), which imports them; the
# second process exits at once, and the first still has one main window.
# Run inside xvfb-run and dbus-run-session.
#   test-unique.sh APP CLI PAGE-ALREADY-THERE PAGE-TO-HAND-OVER
# Exit 77 (skip) without a display, a session bus or xdotool.
set -u
app=$1 cli=$2 first=$3 second=$4

[ -n "${DISPLAY:-}" ] || { echo "no display"; exit 77; }
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "no session bus"; exit 77; }
command -v xdotool >/dev/null || { echo "no xdotool"; exit 77; }

dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
db=$dir/library.db
export GTK_A11Y=none

"$cli" --db "$db" import "$first" >/dev/null || { echo "could not make the test library"; exit 1; }
before=$("$cli" --db "$db" articles --json | grep -c '"id":')

"$app" --db "$db" > "$dir/first.log" 2>&1 &
pid=$!
xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1 || { echo "the first window did not appear"; exit 1; }
start=$(date +%s)
timeout 20 "$app" --db "$db" "$second"
status=$?
[ $status -eq 0 ] || { echo "the second instance failed ($status)"; exit 1; }
[ $(( $(date +%s) - start )) -lt 10 ] || { echo "the second instance did not hand over quickly"; exit 1; }
kill -0 "$pid" 2>/dev/null || { echo "the first instance is gone"; exit 1; }

# The first instance imports the handed-over page.
for i in $(seq 1 40); do
  after=$("$cli" --db "$db" articles --json | grep -c '"id":')
  [ "$after" -gt "$before" ] && break
  sleep 0.5
done
echo "articles before: $before, after: $after"
[ "$after" -gt "$before" ] || { echo "the handed-over page was not imported"; cat "$dir/first.log"; exit 1; }
# Still one main window: the files went to the window already open (the
# import's own dialogs do not count; GTK_A11Y=none and LANG=C: English title).
main_windows=0
for w in $(xdotool search --onlyvisible --pid "$pid" 2>/dev/null); do
  [ "$(xdotool getwindowname "$w" 2>/dev/null)" = "Zhuzhou Reader" ] && main_windows=$((main_windows + 1))
done
echo "first instance main windows: $main_windows"
[ "$main_windows" -eq 1 ] || { echo "expected 1 main window, found $main_windows"; exit 1; }
# and the second start left no process behind
[ "$(pgrep -c -f -- "--db $db" 2>/dev/null)" -eq 1 ] || { echo "more than one reader runs on the library"; pgrep -a -f -- "--db $db"; exit 1; }
exit 0
