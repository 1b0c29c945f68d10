#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/bench.sh [N]  — the whole benchmark in one run (issue: scale and speed).
#   N: articles in the generated library (default 200000; 20000 for a quick run)
# Builds a release build in build-bench/, then measures import throughput
# (against a raw insert), library size, search latency (against a LIKE/instr
# scan and FTS5 trigram), facet and stats latency, how import, search and
# open grow on hostile pages (bench-growth), the GUI's cold start
# (against a bare GTK window) on the sample edition and on the N-article
# library, the GUI's peak memory after scrolling the whole list, and the CLI
# listing a filter of 10,000 articles. Prints a table; writes
# build-bench/bench-out/bench.json.
set -euo pipefail
# the tables hold ×, ≤ and …; numbers in the C style whatever the user's locale
export LC_ALL=C.UTF-8

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
N=${1:-200000}
out="$top/build-bench/bench-out"

build-aux/setup-deps.sh >/dev/null
if [ ! -f build-bench/build.ninja ]; then
  meson setup build-bench --buildtype=release >/dev/null
fi
meson compile -C build-bench >/dev/null
mkdir -p "$out"

cli="$top/build-bench/src/cli/zhuzhou-reader-cli"
app="$top/build-bench/src/ui/zhuzhou-reader"
bare="$top/build-bench/tests/bench/bench-bare-window"
start_all=$(date +%s)

echo "== import ($N articles)"
build-bench/tests/bench/bench-import "$N" --dir "$out/import" --json "$out/import.json"
lib="$out/import/library.db"

echo "== search"
build-bench/tests/bench/bench-search "$N" --dir "$out/search" --json "$out/search.json"
rm -rf "$out/search"

echo "== facets and stats"
build-bench/tests/bench/bench-stats "$N" --json "$out/stats.json"

echo "== growth: hostile pages at n and 2n (fails when a ratio is above 2.5)"
build-bench/tests/bench/bench-growth --json "$out/growth.json" || echo "bench-growth: a step grows faster than n·log n"

echo "== CLI: articles --json on a filter of 10,000"
t0=$(date +%s%N)
"$cli" --db "$lib" articles --limit 10000 --json > "$out/articles.json"
t1=$(date +%s%N)
cli_ms=$(( (t1 - t0) / 1000000 ))
echo "articles --limit 10000 --json: ${cli_ms} ms"

echo "== GUI start-up and memory (Xvfb)"
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display GSETTINGS_SCHEMA_DIR="$top/build-bench/data" GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1

# Runs a program that prints "mapped <µs since the epoch>" and returns the
# milliseconds from its launch to that line (the median of 5 runs).
startup_ms () {
  local runs=()
  for i in 1 2 3 4 5; do
    local t0 line
    t0=$(date +%s%6N)
    line=$(ZR_REPORT_STARTUP=exit timeout 60 "$@" 2>/dev/null | grep -m1 '^mapped ' || true)
    [ -n "$line" ] || { echo "-1"; return; }
    runs+=( $(( (${line#mapped } - t0) / 1000 )) )
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p
}

bare_ms=$(startup_ms "$bare")
empty_db="$out/empty.db"; rm -f "$empty_db"*
sample_ms=$(startup_ms "$app" --db "$empty_db")
large_ms=$(startup_ms "$app" --db "$lib")
echo "bare window ${bare_ms} ms; reader on the sample edition ${sample_ms} ms; on $N articles ${large_ms} ms"

# Peak memory: open the large library, scroll the whole list as a person
# would (End, then Page Up back to the top), read VmHWM. Under Xvfb GTK's GL
# renderer runs on the CPU (llvmpipe) and keeps its glyph atlases in this
# process, so the figure is also taken with GSK_RENDERER=cairo, and both
# against a bare GTK window.
peak_rss () {   # prints "open scrolled" in kB
  "$app" --db "$lib" >/dev/null 2>&1 &
  local pid=$! win open scrolled
  win=$(xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -1 || true)
  sleep 2
  open=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  if [ -n "$win" ]; then
    xdotool windowfocus --sync "$win" 2>/dev/null || true
    xdotool mousemove --window "$win" 500 300 click 1 2>/dev/null || true
    xdotool key --window "$win" End 2>/dev/null || true
    sleep 3
    for i in $(seq 1 40); do xdotool key --window "$win" Page_Up; done
    sleep 2
  fi
  scrolled=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  echo "$open $scrolled"
}
read rss_open rss_scrolled < <(peak_rss)
read rss_open_cairo rss_scrolled_cairo < <(GSK_RENDERER=cairo peak_rss)
bare_rss=$( { /usr/bin/time -f '%M' "$bare" >/dev/null; } 2>&1 | tail -1)
bare_rss_cairo=$( { GSK_RENDERER=cairo /usr/bin/time -f '%M' "$bare" >/dev/null; } 2>&1 | tail -1)
echo "peak RSS (GL): $((rss_open / 1024)) MB open, $((rss_scrolled / 1024)) MB after scrolling; bare window $((bare_rss / 1024)) MB"
echo "peak RSS (cairo): $((rss_open_cairo / 1024)) MB open, $((rss_scrolled_cairo / 1024)) MB after scrolling; bare window $((bare_rss_cairo / 1024)) MB"

end_all=$(date +%s)

/usr/bin/env python3 - "$out" "$N" "$cli_ms" "$bare_ms" "$sample_ms" "$large_ms" "$rss_open" "$rss_scrolled" "$((end_all - start_all))" "$rss_open_cairo" "$rss_scrolled_cairo" "$bare_rss" "$bare_rss_cairo" <<'PY'
import json, sys, os, platform
out, n, cli_ms, bare, sample, large, rss_open, rss_scrolled, total, rss_open_c, rss_scrolled_c, bare_rss, bare_rss_c = sys.argv[1:]
def load(name):
    try:
        with open(os.path.join(out, name)) as f:
            return json.load(f)
    except Exception:
        return {}
res = {
    "articles": int(n),
    "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
    "import": load("import.json"),
    "search": load("search.json"),
    "stats": load("stats.json"),
    "growth": load("growth.json"),
    "cli_articles_10000_ms": int(cli_ms),
    "gui_start_ms": {"bare_window": int(bare), "sample_edition": int(sample), "large_library": int(large)},
    "gui_peak_rss_mb": {"open": int(rss_open) // 1024, "after_scrolling": int(rss_scrolled) // 1024,
                        "bare_window": int(bare_rss) // 1024,
                        "cairo_open": int(rss_open_c) // 1024, "cairo_after_scrolling": int(rss_scrolled_c) // 1024,
                        "cairo_bare_window": int(bare_rss_c) // 1024},
    "seconds": int(total),
}
with open(os.path.join(out, "bench.json"), "w") as f:
    json.dump(res, f, ensure_ascii=False, indent=2)
imp = res["import"]
print()
print(f"| measure ({n} articles) | value | target |")
print("|---|---|---|")
if imp:
    print(f"| import with index | {imp['full_mb_per_s']:.1f} MB/s, {imp['full_articles_per_s']:.0f} articles/s | ≥ 5 MB/s per core |")
    print(f"| import without index | {imp['noindex_mb_per_s']:.1f} MB/s | — |")
    print(f"| raw read + insert | {imp['raw_mb_per_s']:.1f} MB/s | (baseline) |")
    print(f"| library size | {imp['library_to_text']:.2f} × text | ≤ 3× |")
g = res["growth"]
if g:
    worst = max(((f["family"], step, f[step]["ratio"]) for f in g["families"] for step in ("import", "search", "open")
                 if f[step]["judged"]), key=lambda x: x[2], default=None)
    if worst:
        print(f"| growth, twice the hostile page: worst ratio ({worst[0]}, {worst[1]}) | {worst[2]:.2f}× | ≤ 2.5× |")
print(f"| CLI articles --json, 10,000 | {cli_ms} ms | — |")
print(f"| GUI start: bare window / sample / {n} | {bare} / {sample} / {large} ms | ≤ 2× bare |")
r = res['gui_peak_rss_mb']
print(f"| GUI peak RSS, GL renderer (llvmpipe): open / scrolled (bare window) | {r['open']} / {r['after_scrolling']} MB ({r['bare_window']} MB) | < 200 MB |")
print(f"| GUI peak RSS, cairo renderer: open / scrolled (bare window) | {r['cairo_open']} / {r['cairo_after_scrolling']} MB ({r['cairo_bare_window']} MB) | < 200 MB |")
print(f"| whole benchmark | {total} s | < 30 min |")
print("(search and stats tables above; all figures in", os.path.join(out, "bench.json") + ")")
PY
