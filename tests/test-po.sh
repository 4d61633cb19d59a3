#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every translation listed in po/LINGUAS exists, passes msgfmt --check
# (format strings, plural forms, header) and is complete: no fuzzy and no
# untranslated messages. Every po/*.po file is listed in po/LINGUAS.
# TAP output.
#
# usage: test-po.sh SOURCE_ROOT

top=${1:-$(dirname "$0")/..}
cd "$top" || { echo "Bail out! cannot enter $top"; exit 1; }

linguas=po/LINGUAS
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

if ! command -v msgfmt >/dev/null 2>&1; then
  echo "1..0 # SKIP msgfmt not found"
  exit 0
fi
if [ ! -f "$linguas" ]; then
  echo "Bail out! $linguas not found"
  exit 1
fi

# The listed languages, without comments, one a word
langs=$(sed -e 's/#.*//' "$linguas" | tr -s ' \t' '\n\n' | sed '/^$/d')

for lang in $langs; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    not_ok "$po is listed in $linguas but does not exist"
    continue
  fi
  # msgfmt writes its statistics to stderr, in English under LANGUAGE=en
  if stats=$(LC_ALL=C LANGUAGE= msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    ok "$po passes msgfmt --check"
  else
    not_ok "$po fails msgfmt --check"
    printf '%s\n' "$stats" | sed 's/^/# /'
    continue
  fi
  case $stats in
    *fuzzy*|*untranslated*)
      not_ok "$po is complete ($(printf '%s' "$stats" | tail -n 1))" ;;
    *" translated message"*)
      ok "$po is complete ($(printf '%s' "$stats" | tail -n 1))" ;;
    *)
      not_ok "$po: unexpected msgfmt output"
      printf '%s\n' "$stats" | sed 's/^/# /' ;;
  esac
done

# Every translation is listed, or it would be neither built nor installed
for po in po/*.po; do
  [ -f "$po" ] || continue
  lang=$(basename "$po" .po)
  if printf '%s\n' "$langs" | grep -qxF "$lang"; then
    ok "$po is listed in $linguas"
  else
    not_ok "$po is not listed in $linguas"
  fi
done

echo "1..$n"
exit $failed
