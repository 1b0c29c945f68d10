#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scores the segmentation of every page in a folder against its truth.

usage: score-pages.py CLI FOLDER

Each FOLDER/NAME.txt has its truth in FOLDER/NAME.json (the schema of the
shared dev set: articles with headline, column, kicker, bylines, kind …).
Every page is imported into a fresh library through the command-line
contract (import, articles --json, show ID --json); articles are paired with
the truth by headline, in page order. Prints every miss and exits 1 when,
over the whole folder, articles F1 < 0.95, bylines < 0.9, a line of ten or
more characters is missing from the records, the number of notices and
fragments differs from the truth, or show --json does not say why a
headline line was taken for the headline (why.segmentation.headline).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

F1_MIN = 0.95
BYLINES_MIN = 0.9

DROP = re.compile(r'[\s#"\'「」『』]')
# credits are left out of the line coverage: the byline fields hold them
CREDIT_SPAN = re.compile(r'[(（][^()（）]*(记者|通讯员|摄)[^()（）]*[)）]|株洲日报[^，。“”（(]{0,8}?讯')
CREDIT_LINE = re.compile(r'记者|通讯员|责任编辑|美术编辑|摄影报道|供图|摄$')


def fold (text):
    """NFKC, curly quotes as straight ones, no white space, marks or quotes."""
    if not text:
        return ''
    text = unicodedata.normalize ('NFKC', text)
    for a, b in (('“', '"'), ('”', '"'), ('‘', "'"), ('’', "'")):
        text = text.replace (a, b)
    return DROP.sub ('', text)


def without_credits (text):
    text = CREDIT_SPAN.sub ('', text)
    if len (text) < 60 and CREDIT_LINE.search (text):
        return ''
    return text


def close_enough (a, b, share=0.6):
    a, b = fold (a), fold (b)
    if not a or not b:
        return False
    if a == b:
        return True
    if len (a) > len (b):
        a, b = b, a
    return a in b and len (a) >= share * len (b)


def title_forms (record):
    """The title lines read together in every order the page allows."""
    head = record.get ('headline') or ''
    kick = record.get ('kicker') or ''
    out = set ()
    for s in (head, kick + head, head + kick):
        if s:
            out.add (re.sub (r'[：:—·]', '', fold (s)))
    return out


def same_story (got, want):
    if close_enough (got.get ('headline'), want.get ('headline')):
        return True
    return bool (fold (got.get ('headline'))) and bool (title_forms (got) & title_forms (want))


def cli (exe, db, *args):
    done = subprocess.run ([exe, '--db', db, *args], capture_output=True, timeout=120)
    if done.returncode not in (0, 1):
        raise SystemExit ('%s %s exited %d: %s' % (exe, args[0], done.returncode,
                                                   done.stderr.decode (errors='replace')[:400]))
    return done.stdout.decode ('utf-8')


def read_page (path):
    raw = open (path, 'rb').read ()
    if raw[:2] in (b'\xff\xfe', b'\xfe\xff'):
        return raw.decode ('utf-16')
    try:
        return raw.decode ('utf-8-sig')
    except UnicodeDecodeError:
        return raw.decode ('gb18030')


def score_page (exe, path, truth):
    with tempfile.TemporaryDirectory () as tmp:
        db = os.path.join (tmp, 'library.db')
        cli (exe, db, 'import', '--json', path)
        listed = json.loads (cli (exe, db, 'articles', '--json'))
        shown = [json.loads (cli (exe, db, 'show', str (a['id']), '--json')) for a in listed]

    got = [r for r in shown if r.get ('kind') == 'article']
    want = [r for r in truth['articles'] if r.get ('kind') == 'article']
    taken = set ()
    pairs = []
    misses = []
    for w in want:
        for i, g in enumerate (got):
            if i not in taken and same_story (g, w):
                taken.add (i)
                pairs.append ((w, g))
                break
        else:
            misses.append ('missed headline: %s' % w['headline'])
    for i, g in enumerate (got):
        if i not in taken:
            misses.append ('extra headline: %s' % g.get ('headline'))

    bylines_ok = 0
    for w, g in pairs:
        a = sorted (fold (n) for n in w.get ('bylines') or [])
        b = sorted (fold (x.get ('name')) for x in g.get ('bylines') or [])
        if a == b:
            bylines_ok += 1
        else:
            misses.append ('wrong bylines: %s: truth %s, got %s' % (w['headline'], w.get ('bylines'),
                                                                   [x.get ('name') for x in g.get ('bylines') or []]))

    # show --json says why each headline line was read as the headline
    for g in got:
        seg = (g.get ('why') or {}).get ('segmentation') or {}
        head = seg.get ('headline') or {}
        if head.get ('label') != 'headline' or not head.get ('features') or 'margin' not in head:
            misses.append ('no segmentation.headline in why: %s' % g.get ('headline'))
    why_ok = not any (m.startswith ('no segmentation') for m in misses)

    kinds_ok = why_ok
    for kind in ('notice', 'fragment'):
        n_want = sum (1 for r in truth['articles'] if r.get ('kind') == kind)
        n_got = sum (1 for r in shown if r.get ('kind') == kind)
        if n_want != n_got:
            kinds_ok = False
            misses.append ('%ss: truth %d, got %d' % (kind, n_want, n_got))

    everything = ''.join (
        ''.join (x for x in (r.get ('column'), r.get ('kicker'), r.get ('headline'), r.get ('dateline')) if x) +
        ''.join (p.get ('text', '') for p in r.get ('paragraphs') or [])
        for r in shown)
    everything = without_credits (fold (everything))
    lines = [without_credits (fold (l)) for l in read_page (path).splitlines ()]
    lines = [l for l in lines if len (l) >= 10]
    lost = [l for l in lines if l not in everything]
    for l in lost:
        misses.append ('line not in any record: %s' % l[:30])

    return dict (want=len (want), got=len (got), matched=len (pairs), bylines_ok=bylines_ok,
                 lines=len (lines), lost=len (lost), kinds_ok=kinds_ok, misses=misses)


def main ():
    if len (sys.argv) != 3:
        raise SystemExit (__doc__)
    exe, folder = sys.argv[1], sys.argv[2]
    names = sorted (n for n in os.listdir (folder) if n.endswith ('.txt'))
    total = dict (want=0, got=0, matched=0, bylines_ok=0, lines=0, lost=0)
    kinds_ok = True
    scored = 0
    for name in names:
        truth_path = os.path.join (folder, name[:-4] + '.json')
        if not os.path.exists (truth_path):
            continue
        with open (truth_path, encoding='utf-8') as f:
            truth = json.load (f)
        d = score_page (exe, os.path.join (folder, name), truth)
        scored += 1
        for k in total:
            total[k] += d[k]
        kinds_ok = kinds_ok and d['kinds_ok']
        print ('== %s: %d/%d articles found, %d given, bylines %d/%d, lines %d/%d'
               % (name, d['matched'], d['want'], d['got'], d['bylines_ok'], d['matched'],
                  d['lines'] - d['lost'], d['lines']))
        for m in d['misses']:
            print ('  ' + m)
    if scored == 0:
        raise SystemExit ('no page with truth in %s' % folder)
    precision = total['matched'] / total['got'] if total['got'] else 0.0
    recall = total['matched'] / total['want'] if total['want'] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    bylines = total['bylines_ok'] / total['matched'] if total['matched'] else 0.0
    coverage = (total['lines'] - total['lost']) / total['lines'] if total['lines'] else 1.0
    print ('pages %d · articles P %.3f R %.3f F1 %.3f · bylines %.3f · coverage %.3f'
           % (scored, precision, recall, f1, bylines, coverage))
    failed = []
    if f1 < F1_MIN:
        failed.append ('articles F1 %.3f < %.2f' % (f1, F1_MIN))
    if bylines < BYLINES_MIN:
        failed.append ('bylines %.3f < %.2f' % (bylines, BYLINES_MIN))
    if total['lost'] > 0:
        failed.append ('%d lines missing from the records' % total['lost'])
    if not kinds_ok:
        failed.append ('notice or fragment counts differ from the truth, or a headline lacks its why')
    if failed:
        print ('FAILED: ' + '; '.join (failed))
        sys.exit (1)


if __name__ == '__main__':
    main ()
