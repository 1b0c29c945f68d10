#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-a11y.py: the reader window as a screen reader sees it (AT-SPI).

Run with Debian's Python (pyatspi) on a D-Bus session of its own and a
display, without GTK_A11Y=none:

  xvfb-run -a dbus-run-session -- /usr/bin/python3 test-a11y.py APP CLI PAGE...

It imports the fixture pages into a temporary library with the CLI, starts
the real application on it with --article, finds the application in the
AT-SPI desktop and checks what a screen reader reads: the text of the
article, the sidebar's and the list's rows, and the app's own buttons by
name. Prints TAP and exits 1 if a check failed, the application never
appearing on the AT-SPI desktop included. Exits 77 (skip) when pyatspi, a
display or a D-Bus session is missing (build-aux/test.sh, where they are
installed, counts that skip as a failure).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def skip(reason):
    print("1..0 # SKIP " + reason)
    sys.exit(SKIP)


try:
    import pyatspi
except ImportError:
    skip("pyatspi is not installed (python3-pyatspi)")

if len(sys.argv) < 4:
    print("usage: test-a11y.py APP CLI PAGE...", file=sys.stderr)
    sys.exit(2)
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    skip("no display")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    skip("no D-Bus session (run under dbus-run-session)")

APP, CLI, PAGES = sys.argv[1], sys.argv[2], sys.argv[3:]

# GTK falls back to the widget's type name when it has no accessible name
TYPE_NAME = re.compile(r"^Gtk[A-Z]\w*$|^Zr[A-Z]\w*$")

results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def role(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return ""


def children(acc):
    try:
        return [c for c in acc if c is not None]
    except Exception:
        return []


def walk(acc, depth=0):
    yield acc
    if depth > 40:
        return
    for c in children(acc):
        yield from walk(c, depth + 1)


def find_app(pid, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            try:
                if app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    return None


def wait_for(app, predicate, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        for acc in walk(app):
            if predicate(acc):
                return acc
        time.sleep(0.3)
    return None


def main():
    tmp = tempfile.mkdtemp(prefix="zr-a11y-")
    db = os.path.join(tmp, "library.db")
    app_proc = None
    try:
        subprocess.run([CLI, "--db", db, "import", *PAGES], check=True,
                       stdout=subprocess.DEVNULL)
        articles = json.loads(subprocess.run([CLI, "--db", db, "articles", "--json"], check=True,
                                             capture_output=True, text=True).stdout)
        first = next(a for a in articles if a["kind"] == "article")
        shown = subprocess.run([CLI, "--db", db, "show", str(first["id"]), "--json"], check=True,
                               capture_output=True, text=True).stdout
        paragraphs = [p["text"] for p in json.loads(shown)["paragraphs"]]

        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        env.setdefault("GSETTINGS_BACKEND", "memory")
        # Start the accessibility bus and its registry before the app, so the
        # app does not race their activation when it connects at start-up
        try:
            pyatspi.Registry.getDesktop(0).childCount
        except Exception as e:
            print(f"# the AT-SPI registry did not answer yet: {e}", flush=True)
        # A bus of our own: nothing to hand over to, but be explicit
        app_proc = subprocess.Popen([APP, "--db", db, "--article", str(first["id"])], env=env)

        app = find_app(app_proc.pid)
        if app is None:
            # say what the desktop held, so that a skip can be understood
            for other in children(pyatspi.Registry.getDesktop(0)):
                try:
                    print(f"# on the desktop: {other.name!r} pid {other.get_process_id()}", flush=True)
                except Exception as e:
                    print(f"# on the desktop: unreadable ({e})", flush=True)
            print(f"# the app's exit status so far: {app_proc.poll()}", flush=True)
            check(False, "the application is on the AT-SPI desktop",
                  "not there after 30 s: the app did not register with the accessibility bus")
        else:
            check_app(app, first, articles, paragraphs)
    finally:
        if app_proc is not None:
            app_proc.terminate()
            try:
                app_proc.wait(10)
            except subprocess.TimeoutExpired:
                app_proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    print("1..%d" % len(results))
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        print("%s %d %s%s" % ("ok" if ok else "not ok", i, name, (" # " + detail) if detail and not ok else ""))
        failed += 0 if ok else 1
    return 1 if failed else 0


# The buttons of the app's own header bar, by their accessible names
HEADER_BUTTONS = ["Show Sidebar", "Import Pages", "Statistics", "Main Menu"]


def check_app(app, first, articles, paragraphs):
    check(app.name == os.path.basename(APP), "the application is on the AT-SPI desktop, by its name",
          "%r" % app.name)

    frames = [c for c in children(app) if role(c) == "frame"]
    check(len(frames) == 1, "one main window", ", ".join(c.name for c in frames))
    if len(frames) != 1:
        return
    frame = frames[0]

    # The article text is readable through the Text interface
    text_acc = wait_for(frame, lambda a: role(a) == "text" and a.name == "Article text")
    check(text_acc is not None, "the article text view is there, named")
    body = ""
    if text_acc is not None:
        t = text_acc.queryText()
        body = t.getText(0, t.characterCount)
    check(first["headline"] in body, "the text view reads the headline", first["headline"])
    check(len(paragraphs) > 0 and paragraphs[0][:20] in body,
          "the text view reads the first paragraph", paragraphs[0][:20] if paragraphs else "")
    check(len(paragraphs) < 2 or paragraphs[-1][:20] in body,
          "the text view reads the last paragraph")

    # Sidebar and article list, with items
    sidebar = wait_for(frame, lambda a: role(a) == "list" and a.name == "Districts and topics")
    check(sidebar is not None, "the sidebar list is there, named")
    sidebar_items = [c for c in children(sidebar)] if sidebar else []
    labels = [d.name for s in sidebar_items for d in walk(s) if role(d) == "label"]
    check(len(sidebar_items) >= 10, "the sidebar has its rows", str(len(sidebar_items)))
    check("All Articles" in labels, "the sidebar reads “All Articles”")
    check(first["district"] in labels, "the sidebar reads the district", first["district"])

    article_list = wait_for(frame, lambda a: role(a) == "list" and a.name == "Articles")
    check(article_list is not None, "the article list is there, named")
    rows = children(article_list) if article_list else []
    row_labels = [d.name for r in rows for d in walk(r) if role(d) == "label"]
    check(len(rows) == len(articles), "the article list has a row per article",
          "%d rows, %d articles" % (len(rows), len(articles)))
    check(first["headline"] in row_labels, "a row reads the headline")

    # Every button of the header bar has a real name: the header bar is
    # the child of the window that holds the search entry
    header = None
    for c in children(frame):
        if any(role(d) == "entry" and d.name == "Search articles" for d in walk(c)):
            header = c
    check(header is not None, "the header bar holds the search entry, named")
    buttons = [d for d in walk(header)
               if role(d) in ("push button", "toggle button", "menu button")] if header else []
    # GTK's own minimize/maximize/close buttons sit in a panel of their
    # own (GtkWindowControls): not the app's to name, not counted here
    controls = [d for d in walk(header) if role(d) == "panel"
                and any(role(b) == "push button" and b.name == "Close" for b in children(d))] if header else []
    gtk_buttons = [b for c in controls for b in children(c)]
    own = [b for b in buttons if b not in gtk_buttons]
    names = [b.name for b in own]
    for wanted in HEADER_BUTTONS:
        check(wanted in names, "the header bar has the button “%s”" % wanted, ", ".join(map(repr, names)))
    for b in own:
        check(b.name and not TYPE_NAME.match(b.name),
              "header button has a name: %r" % b.name)

    # The find bar (in the article pane) as well
    find_entry = wait_for(frame, lambda a: role(a) == "entry" and a.name == "Find in article")
    check(find_entry is not None, "the find entry is named")
    if find_entry is not None:
        bar = find_entry.parent
        for b in [d for d in walk(bar) if role(d) == "push button"]:
            check(b.name and not TYPE_NAME.match(b.name),
                  "find bar button has a name: %r" % b.name)


if __name__ == "__main__":
    sys.exit(main())
