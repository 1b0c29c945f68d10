#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Chinese interface must not fall back to English: every file with
# translatable strings is listed in po/POTFILES.in, and every message the
# sources hold today has a current (not fuzzy) translation in each catalogue.
#   test-catalogue.sh SOURCE-ROOT
# TAP output; exit 77 (skip) without gettext's tools.
set -u
root=$1
cd "$root" || exit 1
for tool in xgettext msgmerge msgfmt; do
  command -v $tool >/dev/null || { echo "1..0 # SKIP no $tool"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n $1"; }

# 1. POTFILES.in lists every file with translatable strings
missing=$( { grep -rlE '\b(N?_|C_|NC_|ngettext|g_dngettext)[[:space:]]*\("' src --include='*.c';
             grep -rl 'translatable="yes"' src --include='*.ui'; } | sort -u |
           while read -r f; do grep -qx "$f" po/POTFILES.in || echo "$f"; done)
if [ -z "$missing" ]; then
  ok "po/POTFILES.in lists every source file with translatable strings"
else
  echo "# missing from po/POTFILES.in:"; echo "$missing" | sed 's/^/#   /'
  not_ok "po/POTFILES.in lists every source file with translatable strings"
fi

# 2. each catalogue translates every current message
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
if ! xgettext --from-code=UTF-8 --add-comments \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --keyword=ngettext:1,2 --files-from="$tmp/files" -o "$tmp/messages.pot" 2> "$tmp/xgettext.err"; then
  sed 's/^/# /' "$tmp/xgettext.err"
  not_ok "the messages can be extracted"
else
  ok "the messages can be extracted ($(grep -c '^msgid ' "$tmp/messages.pot") found)"
fi

for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/messages.pot" -o "$tmp/$lang.po" 2>/dev/null
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "# $lang: $stats"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "po/$lang.po" | grep -c '^msgid ' || true)
  # the header counts as one untranslated-looking entry in msgattrib's output
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ] && ! grep -q 'error' <<<"$stats"; then
    ok "$lang translates every message"
  else
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -A1 '^msgid ' | sed 's/^/#   /' | head -40
    not_ok "$lang translates every message ($untranslated missing, $fuzzy fuzzy)"
  fi
done

echo "1..$n"
exit $failed
