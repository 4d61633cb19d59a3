#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/POTFILES.in is complete: every file under app/ and resources/ with
# translatable strings is listed, every listed file exists, and the strings
# of the JSON data files (translated at run time) reach the template through
# po/data-strings.c, which is up to date. TAP output.
#
# usage: test-potfiles.sh SOURCE_ROOT

top=${1:-$(dirname "$0")/..}
cd "$top" || { echo "Bail out! cannot enter $top"; exit 1; }

potfiles=po/POTFILES.in
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

if [ ! -f "$potfiles" ]; then
  echo "Bail out! $potfiles not found"
  exit 1
fi

# The listed files, without comments and blank lines
listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles")

is_listed () {
  printf '%s\n' "$listed" | grep -qxF "$1"
}

check () {
  if is_listed "$1"; then
    ok "$1 is in $potfiles"
  else
    not_ok "$1 has translatable strings ($2) but is missing from $potfiles"
  fi
}

# Every listed file exists (xgettext fails on the first one that does not)
for f in $listed; do
  if [ -f "$f" ]; then
    ok "$f exists"
  else
    not_ok "$f is listed in $potfiles but does not exist"
  fi
done

# C: gettext calls and markers, with or without a space before "("
c_calls='(^|[^[:alnum:]_])(_|N_|C_|NC_|Q_|ngettext|g_dgettext|g_dngettext|g_dpgettext|g_dpgettext2|g_dcgettext)[[:space:]]*\('
for f in $(find app resources -name '*.c' | LC_ALL=C sort); do
  if grep -Eq "$c_calls" "$f"; then
    check "$f" "gettext calls"
  fi
done

# GtkBuilder
for f in $(find app resources -name '*.ui' | LC_ALL=C sort); do
  if grep -q 'translatable="yes"' "$f"; then
    check "$f" 'translatable="yes"'
  fi
done

# Desktop file, metainfo, MIME type: always text for people
for f in $(find resources -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.mime.xml.in' | LC_ALL=C sort); do
  check "$f" "text for people"
done

# JSON data translated at run time: xgettext has no JSON parser, so its
# strings go through the generated po/data-strings.c
if command -v python3 > /dev/null 2>&1; then
  known=$(python3 po/extract-json-strings.py --list-inputs)
  for f in $(find resources -name '*.json' | LC_ALL=C sort); do
    if printf '%s\n' "$known" | grep -qxF "$f"; then
      ok "$f is known to po/extract-json-strings.py"
    else
      not_ok "$f is not known to po/extract-json-strings.py: add it there with the members shown to people (or to NOT_TRANSLATED)"
    fi
  done
  check po/data-strings.c "the strings of the JSON data files"
  if python3 po/extract-json-strings.py --check; then
    ok "po/data-strings.c is up to date with the JSON data files"
  else
    not_ok "po/data-strings.c is out of date: run python3 po/extract-json-strings.py"
  fi
else
  n=$((n + 1))
  echo "ok $n # SKIP python3 not found: JSON data files not checked"
fi

echo "1..$n"
exit $failed
