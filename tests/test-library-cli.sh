#!/bin/sh
# The clinic library from the command line (--import, --list-clients,
# --history, --plan and --export-pdf with a client id), with no display:
# TAP output. The contract: docs "Additions for clients, visits and the
# clinic".
# usage: test-library-cli.sh path/to/bodymap path/to/tests
BODYMAP=$1
DATA=$2/data
TMP=${TMPDIR:-/tmp}/bm-library-cli.$$
rm -rf "$TMP"
mkdir -p "$TMP" || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM
cd "$TMP" || exit 1
n=0
fail=0
TAB=$(printf '\t')

check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi
}

# Shows a file in the log, as TAP comments, when a check fails
show () {
  echo "# $1:"
  sed 's/^/#   /' "$2" 2>/dev/null | head -n 40
}

# Intake files made from jamie.bodymap, with another client and date:
# mk.py OUT NAME BIRTH-YEAR EMAIL VISIT-DATE [OUT NAME ...] ("" for no year)
cat > "$TMP/mk.py" <<'EOF'
import json, sys
template = json.load(open(sys.argv[1], encoding='utf-8'))
args = sys.argv[2:]
assert len(args) % 5 == 0, args
for i in range(0, len(args), 5):
    out, name, year, email, date = args[i:i + 5]
    intake = json.loads(json.dumps(template))
    intake["client"] = {"name": name, "email": email, "phone": ""}
    if year:
        intake["client"]["birth_year"] = int(year)
    intake["visit_date"] = date
    with open(out, "w", encoding="utf-8") as f:
        json.dump(intake, f, ensure_ascii=False, indent=2)
        f.write("\n")
EOF
mk () {
  python3 "$TMP/mk.py" "$DATA/jamie.bodymap" "$@"
}

# The visit files of a library, temporaries (dot names) left out
visits () {
  find "$1/clients" -name '.*' -prune -o -type f -name '*.bodymap' -print
}
# How many visit files a client folder has
count_visits () {
  find "$1" -mindepth 1 -maxdepth 1 -type f -name '*.bodymap' ! -name '.*' | wc -l | tr -d ' '
}
# Whether every client folder of library $1 has $2 visit files
each_has () {
  for dir in "$1/clients"/[!.]*/; do
    [ "$(count_visits "$dir")" = "$2" ] || return 1
  done
}
# Runs bodymap --plan on every visit file; 0 when each exits 0
plans_load () {
  visits "$1" > "$TMP/visit-list"
  [ -s "$TMP/visit-list" ] || return 1
  bad=0
  while IFS= read -r f; do
    if ! "$BODYMAP" --plan "$f" > /dev/null 2> "$TMP/plan-err"; then
      echo "# --plan failed on $f: $(cat "$TMP/plan-err")"
      bad=1
    fi
  done < "$TMP/visit-list"
  return $bad
}

J=$DATA/jamie.bodymap
P=$DATA/pre-race.bodymap
F=$DATA/fever.bodymap

# 1. Importing the three sample files into a new library
L=$TMP/lib
"$BODYMAP" --import "$J" "$P" "$F" --library "$L" > "$TMP/out" 2> "$TMP/err"; status=$?
check $status "--import of three files exits 0"
[ ! -s "$TMP/err" ] || show stderr "$TMP/err"
[ ! -s "$TMP/err" ]; check $? "--import prints nothing on stderr"
[ "$(wc -l < "$TMP/out")" = 3 ]; check $? "--import prints one line per file"
python3 - "$TMP/out" "$J" "$P" "$F" > "$TMP/ids" <<'EOF'; status=$?
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
assert lines[-1] == '', 'no newline at the end'
lines = lines[:-1]
dates = ['2026-11-23', '2026-05-10', '2026-03-02']
ids = []
for line, path, date in zip(lines, sys.argv[2:], dates):
    fields = line.split('\t')
    assert len(fields) == 4, fields
    assert fields[0] == path, fields
    assert re.fullmatch(r'[a-z0-9][a-z0-9_.-]*', fields[1]), fields
    assert fields[2] == 'new', fields
    assert fields[3] == date, fields
    ids.append(fields[1])
assert len(ids) == 3 and len(set(ids)) == 3, ids
print(' '.join(ids))
EOF
[ $status = 0 ] || show stdout "$TMP/out"
check $status "--import: FILE, CLIENT-ID, new and VISIT-DATE for each file, three clients"
read -r JID PID FID < "$TMP/ids"
JID=${JID:-jamie-rivers-1994} PID=${PID:-zoe-park} FID=${FID:-sam-fever}

# 2. The same file again: the same client, the same visit
"$BODYMAP" --import "$J" --library "$L" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ] && [ "$(cat "$TMP/out")" = "$J$TAB$JID${TAB}existing${TAB}2026-11-23" ]
status=$?; [ $status = 0 ] || show output "$TMP/out"
check $status "--import of the same file again: the client is existing"
[ "$(count_visits "$L/clients/$JID")" = 1 ]; check $? "--import of the same file again: still one visit file"

# 3. A bad file among good ones
L3=$TMP/lib3
"$BODYMAP" --import "$J" "$DATA/invalid.bodymap" "$F" --library "$L3" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 1 ]; check $? "--import with a bad file exits 1"
[ "$(wc -l < "$TMP/err")" = 1 ] && grep -q "invalid.bodymap" "$TMP/err"; status=$?
[ $status = 0 ] || show stderr "$TMP/err"
check $status "--import with a bad file: one line on stderr naming it"
[ "$(wc -l < "$TMP/out")" = 2 ] && grep -q "^$J$TAB" "$TMP/out" && grep -q "^$F$TAB" "$TMP/out" &&
  ! grep -q "invalid" "$TMP/out"
check $? "--import with a bad file: a line for each good file, none for the bad one"
[ "$(visits "$L3" | wc -l)" = 2 ]; check $? "--import with a bad file: the good ones are filed"

# 4. --list-clients
"$BODYMAP" --list-clients --library "$L" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ]; check $? "--list-clients exits 0, quiet"
printf '%s\t%s\t%s\t%s\t%s\t%s\n' \
  "$JID" "Jamie Rivers" 1994 1 2026-11-23 2026-12-06 \
  "$FID" "Sam Fever" "" 1 2026-03-02 "" \
  "$PID" "Zoë Park" "" 1 2026-05-10 2026-05-12 > "$TMP/expected"
cmp -s "$TMP/expected" "$TMP/out"; status=$?
[ $status = 0 ] || { show expected "$TMP/expected"; show got "$TMP/out"; }
check $status "--list-clients: one line per client, sorted by name, empty fields empty"
awk -F '\t' 'NF != 6 { bad = 1 } END { exit bad }' "$TMP/out"; check $? "--list-clients: 6 fields on every line"
"$BODYMAP" --list-clients --library "$L" --format=json > "$TMP/out" 2> "$TMP/err"; status=$?
check $status "--list-clients --format=json exits 0"
python3 - "$TMP/out" "$JID" "$FID" "$PID" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
clients = doc["clients"]
assert [c["id"] for c in clients] == sys.argv[2:], clients
assert [c["name"] for c in clients] == ["Jamie Rivers", "Sam Fever", "Zoë Park"]
assert [c["visits"] for c in clients] == [1, 1, 1]
assert clients[0]["birth_year"] == 1994 and clients[1]["birth_year"] is None
EOF
check $? "--list-clients --format=json: valid JSON with the same clients"
L4=$TMP/lib4
"$BODYMAP" --list-clients --library "$L4" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]; check $? "--list-clients of a missing library: an empty list"

# 5. --history: a second, earlier visit of Jamie first
L5=$TMP/lib5
python3 - "$J" "$TMP/jamie-early.bodymap" <<'EOF'
import json, sys
intake = json.load(open(sys.argv[1], encoding='utf-8'))
intake["visit_date"] = "2026-11-09"
intake["marks"] = intake["marks"][:2]
intake["marks"][0]["severity"] = 8
json.dump(intake, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
EOF
"$BODYMAP" --import "$J" "$TMP/jamie-early.bodymap" --library "$L5" > "$TMP/out" 2>&1
JID5=$(head -n 1 "$TMP/out" | cut -f2)
JID5=${JID5:-$JID}
"$BODYMAP" --history "$JID5" --library "$L5" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ]; check $? "--history exits 0, quiet"
python3 - "$TMP/out" <<'EOF'; status=$?
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
visits = doc["visits"]
assert [v["date"] for v in visits] == ["2026-11-09", "2026-11-23"], visits
assert len(visits[0]["marks"]) == 2 and len(visits[1]["marks"]) == 9
assert visits[0]["marks"][0]["severity"] == 8
for v in visits:
    for m in v["marks"]:
        assert isinstance(m["region"], str) and m["side"] in ("left", "right", "center"), m
    plan = v["plan"]
    assert type(plan["session_minutes"]) is int and plan["session_minutes"] > 0, plan
    assert plan["items"], plan
    total = 0
    for item in plan["items"]:
        assert isinstance(item["region"], str), item
        assert item["side"] in ("left", "right", "center"), item
        assert isinstance(item["techniques"], list), item
        assert all(isinstance(t, str) for t in item["techniques"]), item
        assert type(item["minutes"]) is int and item["minutes"] >= 0, item
        total += item["minutes"]
    assert total <= plan["session_minutes"], (total, plan)
EOF
[ $status = 0 ] || show history "$TMP/out"
check $status "--history: JSON (the default), visits oldest first with date, marks and plan"
# The plan as given: after the therapist's changes (pre-race.bodymap has some)
"$BODYMAP" --history "$PID" --library "$L" > "$TMP/out" 2>&1
"$BODYMAP" --plan "$P" > "$TMP/plan.json" 2>&1
python3 - "$TMP/out" "$TMP/plan.json" <<'EOF'
import json, sys
history = json.load(open(sys.argv[1], encoding='utf-8'))
plan = json.load(open(sys.argv[2], encoding='utf-8'))
assert len(history["visits"]) == 1, history
given = history["visits"][0]["plan"]
assert given["session_minutes"] == plan["session_minutes"] == 30, given
project = lambda items: [(i["region"], i["side"], i["techniques"], i["minutes"]) for i in items]
assert project(given["items"]) == project(plan["items"]), (given, plan)
EOF
check $? "--history: the plan as given, with the therapist's changes (as --plan of the file)"
"$BODYMAP" --history "$JID5" --library "$L5" --format=text > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ] && grep -q "^2026-11-09$" "$TMP/out" && grep -q "^2026-11-23$" "$TMP/out" &&
  ! grep -q '[{}]' "$TMP/out"
check $? "--history --format=text exits 0, one block per visit, no JSON"
"$BODYMAP" --history no-such-client --library "$L5" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 1 ] && [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q "no-such-client" "$TMP/err" && [ ! -s "$TMP/out" ]
check $? "--history of an unknown client: exit 1, one line naming it"

# 6. --plan and --export-pdf with a client id: the latest visit
latest=$(ls "$L5/clients/$JID5/"2026-11-23-*.bodymap 2>/dev/null | head -n 1)
"$BODYMAP" --plan "$JID5" --library "$L5" > "$TMP/plan-id.json" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ]; check $? "--plan CLIENT-ID exits 0, quiet"
[ -n "$latest" ] && "$BODYMAP" --plan "$latest" > "$TMP/plan-file.json" 2>&1 &&
  cmp -s "$TMP/plan-id.json" "$TMP/plan-file.json"
check $? "--plan CLIENT-ID: the same bytes as --plan of the latest visit's file"
python3 - "$TMP/plan-id.json" <<'EOF'
import json, sys
plan = json.load(open(sys.argv[1], encoding='utf-8'))
assert plan["format"] == "bodymap-plan", plan
assert plan["visit_date"] == "2026-11-23" and plan["client"] == "Jamie Rivers", plan
EOF
check $? "--plan CLIENT-ID: plan JSON of the latest visit"
"$BODYMAP" --plan "$JID5" --library "$L5" --format=text > "$TMP/out" 2>&1; status=$?
[ $status = 0 ] && grep -q "^Treatment plan for Jamie Rivers$" "$TMP/out"; check $? "--plan CLIENT-ID --format=text"
"$BODYMAP" --plan no-such-client --library "$L5" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 1 ] && [ "$(wc -l < "$TMP/err")" = 1 ] && [ ! -s "$TMP/out" ]; check $? "--plan of an unknown client: exit 1, one line"
"$BODYMAP" --export-pdf "$TMP/client.pdf" "$JID5" --library "$L5" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ]; check $? "--export-pdf OUT CLIENT-ID exits 0, quiet"
[ "$(head -c 5 "$TMP/client.pdf" 2>/dev/null)" = "%PDF-" ]; check $? "--export-pdf OUT CLIENT-ID writes a PDF"

# 7. Who is the same client
L7=$TMP/lib7
mk "$TMP/a1.bodymap" "Alex Morgan" 1980 "" 2026-11-02 \
   "$TMP/a2.bodymap" "Alex Morgan" 1985 "" 2026-11-02 \
   "$TMP/a3.bodymap" "Alex Morgan" 1980 "" 2026-11-16 \
   "$TMP/c1.bodymap" "Casey Lee" 1990 "casey@example.com" 2026-11-02 \
   "$TMP/c2.bodymap" "Casey Lee-Smith" 1990 "casey@example.com" 2026-11-16 \
   "$TMP/z1.bodymap" "Zoë Park" 1991 "" 2026-11-02 \
   "$TMP/z2.bodymap" "ZOË  park" 1991 "" 2026-11-16 \
   "$TMP/z3.bodymap" "$(printf 'Zoe\314\210 Park')" 1991 "" 2026-11-23
# client id of the import of $1 (a file) into $L7, "" when it failed
import7 () {
  "$BODYMAP" --import "$1" --library "$L7" 2> "$TMP/err7" | cut -f2,3
}
a1=$(import7 "$TMP/a1.bodymap"); a2=$(import7 "$TMP/a2.bodymap"); a3=$(import7 "$TMP/a3.bodymap")
[ -n "$a1" ] && [ -n "$a2" ] && [ "${a1%%$TAB*}" != "${a2%%$TAB*}" ] && [ "${a2#*$TAB}" = new ]
check $? "the same name, another birth year: another client"
[ -n "$a3" ] && [ "$a3" = "${a1%%$TAB*}${TAB}existing" ]; check $? "the same name and birth year: the same client"
c1=$(import7 "$TMP/c1.bodymap"); c2=$(import7 "$TMP/c2.bodymap")
[ -n "$c1" ] && [ "$c2" = "${c1%%$TAB*}${TAB}existing" ]; check $? "the same email, another name: the same client"
z1=$(import7 "$TMP/z1.bodymap"); z2=$(import7 "$TMP/z2.bodymap"); z3=$(import7 "$TMP/z3.bodymap")
[ -n "$z1" ] && [ "$z2" = "${z1%%$TAB*}${TAB}existing" ]; check $? "\"Zoë Park\" and \"ZOË  park\": the same client"
[ -n "$z1" ] && [ "$z3" = "${z1%%$TAB*}${TAB}existing" ]; check $? "\"Zoë\" composed or decomposed: the same client"
"$BODYMAP" --list-clients --library "$L7" > "$TMP/out" 2>&1; status=$?
[ $status = 0 ] && [ "$(wc -l < "$TMP/out")" = 4 ] &&
  [ "$(cut -f4 "$TMP/out" | sort | tr '\n' ' ')" = "1 2 2 3 " ]
status=$?; [ $status = 0 ] || show list-clients "$TMP/out"
check $status "--list-clients: four clients, with 2, 1, 2 and 3 visits"

# 8. Private files, whatever the umask
(umask 000; "$BODYMAP" --import "$DATA/taper.bodymap" --library "$TMP/lib8" > /dev/null 2>&1)
private () {
  [ -d "$1" ] && [ -z "$(find "$1" -type d ! -perm 700)" ] && [ -z "$(find "$1" -type f ! -perm 600)" ] ||
    { echo "# not private in $1:"; find "$1" \( -type d ! -perm 700 \) -o \( -type f ! -perm 600 \) | sed 's/^/#   /'; false; }
  check $? "every folder of ${1#$TMP/} is 700, every file 600"
}
for lib in "$L" "$L3" "$L5" "$L7" "$TMP/lib8"; do
  private "$lib"
done

# 9. Twenty imports at once: 5 clients x 4 visits, each process filing
# five of them (every visit by five processes)
L9=$TMP/lib9
mkdir -p "$TMP/many"
set --
for c in 1 2 3 4 5; do
  for d in 02 09 16 23; do
    set -- "$@" "$TMP/many/c$c-$d.bodymap" "Runner Number$c" "197$c" "" "2026-11-$d"
  done
done
mk "$@"
ls "$TMP/many"/*.bodymap > "$TMP/many.list"
pids=
for p in $(seq 1 20); do
  files=$(awk -v p=$p 'BEGIN { ORS = " " } { i = NR - 1; if ((i - p + 20) % 20 < 5) print }' "$TMP/many.list")
  # shellcheck disable=SC2086
  "$BODYMAP" --import $files --library "$L9" > "$TMP/many-$p.out" 2> "$TMP/many-$p.err" &
  pids="$pids $!"
done
bad=0
for pid in $pids; do wait "$pid" || bad=1; done
[ $bad = 0 ] && [ -z "$(find "$TMP" -maxdepth 1 -name 'many-*.err' -size +0)" ]
status=$?; [ $status = 0 ] || for e in "$TMP"/many-*.err; do [ -s "$e" ] && show "$e" "$e"; done
check $status "20 imports at once: all exit 0, quiet"
[ "$(cat "$TMP"/many-*.out | wc -l)" = 100 ] &&
  [ "$(cat "$TMP"/many-*.out | cut -f1,2,4 | sort -u | wc -l)" = 20 ] &&
  [ "$(cat "$TMP"/many-*.out | cut -f2 | sort -u | wc -l)" = 5 ]
check $? "20 imports at once: each file of each process filed, with the same client every time"
"$BODYMAP" --list-clients --library "$L9" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ] && [ "$(wc -l < "$TMP/out")" = 5 ] &&
  [ "$(cut -f4 "$TMP/out" | sort -u)" = 4 ]
status=$?; [ $status = 0 ] || show list-clients "$TMP/out"
check $status "20 imports at once: five clients, four visits each"
[ "$(find "$L9/clients" -mindepth 1 -maxdepth 1 -type d | wc -l)" = 5 ] &&
  [ "$(visits "$L9" | wc -l)" = 20 ] &&
  each_has "$L9" 4
check $? "20 imports at once: every visit filed exactly once, five client folders"
[ -z "$(find "$L9" -name '.*')" ]; status=$?
[ $status = 0 ] || find "$L9" -name '.*' | sed 's/^/# left: /'
check $status "20 imports at once: no temporaries left"
plans_load "$L9"; check $? "20 imports at once: every visit file loads"
private "$L9"

# 10. An import killed with SIGKILL half-way leaves a library that loads;
# running it again files everything once
L10=$TMP/lib10
mkdir -p "$TMP/killed"
set --
for c in 0 1 2 3 4 5 6 7 8 9; do
  for d in 01 02 03 04 05 06; do
    set -- "$@" "$TMP/killed/k$c-$d.bodymap" "Killed Runner$c" "198$c" "" "2026-11-$d"
  done
done
mk "$@"
"$BODYMAP" --import "$TMP/killed"/*.bodymap --library "$L10" > /dev/null 2>&1 &
pid=$!
# Killed once a few visits are filed (or after about two seconds): mid-way
# through the files; when it has already finished, that is fine too
i=0
while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null &&
      [ "$(visits "$L10" 2>/dev/null | wc -l)" -lt 3 ]; do
  sleep 0.02 2>/dev/null || sleep 1
  i=$((i + 1))
done
sleep 0.05 2>/dev/null
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
echo "# killed after $(visits "$L10" 2>/dev/null | wc -l) visits"
if [ -n "$(visits "$L10" 2>/dev/null)" ]; then
  plans_load "$L10"; check $? "killed import: every visit file loads"
else
  check 0 "killed import: every visit file loads (killed before the first one)"
fi
"$BODYMAP" --list-clients --library "$L10" > "$TMP/out" 2> "$TMP/err"; status=$?
dirs=$(find "$L10/clients" -mindepth 1 -maxdepth 1 -type d ! -name '.*' 2>/dev/null | wc -l)
[ $status = 0 ] && [ ! -s "$TMP/err" ] && [ "$(wc -l < "$TMP/out")" = "$dirs" ]
status=$?; [ $status = 0 ] || { show list-clients "$TMP/out"; show stderr "$TMP/err"; }
check $status "killed import: --list-clients exits 0, quiet, and counts no temporaries"
"$BODYMAP" --import "$TMP/killed"/*.bodymap --library "$L10" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ] && [ "$(wc -l < "$TMP/out")" = 60 ]; check $? "killed import, run again: exits 0"
"$BODYMAP" --list-clients --library "$L10" > "$TMP/out" 2>&1; status=$?
[ $status = 0 ] && [ "$(wc -l < "$TMP/out")" = 10 ] && [ "$(cut -f4 "$TMP/out" | sort -u)" = 6 ] &&
  [ "$(visits "$L10" | wc -l)" = 60 ] &&
  each_has "$L10" 6
status=$?; [ $status = 0 ] || show list-clients "$TMP/out"
check $status "killed import, run again: every visit filed exactly once"
# What is left beside the clients' folders, details and visits is temporaries
(cd "$L10/clients" && find . -mindepth 1 -maxdepth 1 ! -name '.*' ! -type d &&
  find . -mindepth 1 -name '.*' -prune -o -print |
  awk -F / 'NF > 2 && !(NF == 3 && ($3 == "client.json" || $3 ~ /\.bodymap$/))') > "$TMP/out"
[ -d "$L10/clients" ] && [ ! -s "$TMP/out" ]; status=$?
[ $status = 0 ] || show "not dot-files" "$TMP/out"
check $status "killed import: anything left over is a dot-file"

# 11. Conflict copies made by sync tools
L11=$TMP/lib11
"$BODYMAP" --import "$J" "$P" "$F" --library "$L11" > /dev/null 2>&1
visit=$(ls "$L11/clients/$JID/"*.bodymap 2>/dev/null | head -n 1)
base=${visit%.bodymap}
c1="${base##*/}.sync-conflict-20261201-120000-ABCDEFG.bodymap"
c2="${base##*/} (conflicted copy 2026-12-01).bodymap"
[ -n "$visit" ] && cp -p "$visit" "$L11/clients/$JID/$c1" && cp -p "$visit" "$L11/clients/$JID/$c2"
"$BODYMAP" --list-clients --library "$L11" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ "$(grep "^$JID$TAB" "$TMP/out" | cut -f4)" = 1 ] && [ "$(wc -l < "$TMP/out")" = 3 ]
check $? "conflict copies: not counted as visits"
[ "$(wc -l < "$TMP/err")" = 2 ] && grep -qF "$c1" "$TMP/err" && grep -qF "$c2" "$TMP/err" &&
  [ "$(grep -cF "$c1" "$TMP/err")" = 1 ] && [ "$(grep -cF "$c2" "$TMP/err")" = 1 ]
status=$?; [ $status = 0 ] || show stderr "$TMP/err"
check $status "conflict copies: one line on stderr for each, naming it"
"$BODYMAP" --list-clients --format=json --library "$L11" > "$TMP/out" 2> /dev/null
python3 - "$TMP/out" "$JID" "$c1" "$c2" <<'EOF'
import json, os, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
client = [c for c in doc["clients"] if c["id"] == sys.argv[2]][0]
assert client["visits"] == 1, client
assert sorted(os.path.basename(p) for p in client["conflicts"]) == sorted(sys.argv[3:]), client
assert all(c["conflicts"] == [] for c in doc["clients"] if c["id"] != sys.argv[2])
EOF
check $? "conflict copies: --format=json lists them under the client's \"conflicts\""

# 12. Damaged files never hide the rest
L12=$TMP/lib12
"$BODYMAP" --import "$J" "$P" "$F" --library "$L12" > /dev/null 2>&1
[ -d "$L12/clients/$JID" ] && printf '{' > "$L12/clients/$JID/2026-01-01-broken.bodymap"
[ -d "$L12/clients/$FID" ] && printf 'not json\n' > "$L12/clients/$FID/client.json"
"$BODYMAP" --list-clients --library "$L12" > "$TMP/out" 2> "$TMP/err"; status=$?
check $status "damaged files: --list-clients exits 0"
grep -q "^$JID${TAB}Jamie Rivers${TAB}1994${TAB}1${TAB}2026-11-23${TAB}" "$TMP/out" &&
  grep -q "^$PID${TAB}Zoë Park${TAB}" "$TMP/out"
status=$?; [ $status = 0 ] || show list-clients "$TMP/out"
check $status "damaged files: the other clients are listed, the damaged visit not counted"
[ "$(wc -l < "$TMP/err")" = 2 ] && [ "$(grep -c "2026-01-01-broken.bodymap" "$TMP/err")" = 1 ] &&
  [ "$(grep -c "$FID/client.json\|$FID.*client.json" "$TMP/err")" = 1 ]
status=$?; [ $status = 0 ] || show stderr "$TMP/err"
check $status "damaged files: one line on stderr for each, naming it"
"$BODYMAP" --history "$JID" --library "$L12" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && python3 -c 'import json, sys; assert len(json.load(open(sys.argv[1]))["visits"]) == 1' "$TMP/out"
check $? "damaged files: --history still gives the good visit"

# 13. Since the previous visit: the contract's history fields
L13=$TMP/lib13
python3 - "$DATA/jamie.bodymap" "$TMP/h1.bodymap" "$TMP/h2.bodymap" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
d.pop('therapist', None)
d['visit_date'] = '2026-11-09'
json.dump(d, open(sys.argv[2], 'w', encoding='utf-8'))
marks = []
for m in d['marks']:
    if (m['region'], m['side']) == ('calf', 'left'):
        m = dict(m, severity=3)
    if m['region'] == 'hamstrings':
        continue
    marks.append(m)
marks.append({"region": "shin", "side": "right", "severity": 4, "symptoms": ["sore"]})
d['marks'] = marks
d['visit_date'] = '2026-11-23'
json.dump(d, open(sys.argv[3], 'w', encoding='utf-8'))
EOF
"$BODYMAP" --import "$TMP/h1.bodymap" "$TMP/h2.bodymap" --library "$L13" > "$TMP/out" 2> "$TMP/err"
H=$(cut -f2 "$TMP/out" | head -n 1)
"$BODYMAP" --plan "$H" --library "$L13" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && python3 - "$TMP/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert d['previous_visit'] == '2026-11-09', d.get('previous_visit')
items = {(i['region'], i['side']): i for i in d['items']}
calf = items[('calf', 'left')]
assert calf['previous']['severity'] == 6 and calf['change'] == 'better', calf
assert isinstance(calf['previous']['techniques'], list) and calf['previous']['minutes'] > 0, calf
assert items[('shin', 'right')]['previous'] is None and items[('shin', 'right')]['change'] == 'new'
assert items[('calf', 'right')]['change'] == 'same'
assert all('change' not in i for i in d['items'] if not i['marked'])
assert d['resolved'] == [{'region': 'hamstrings', 'side': 'right', 'previous_severity': 4}], d['resolved']
EOF
check $? "since the last visit: previous_visit, items[].previous and change, resolved"
"$BODYMAP" --plan "$H" --library "$L13" --format=text > "$TMP/out" 2>&1
grep -q "^Since the last visit (2026-11-09)$" "$TMP/out" && grep -q "^  Left calf: 6 → 3, better$" "$TMP/out" &&
  grep -q "^  Right shin: new, 4/10$" "$TMP/out" && grep -q "^  Right hamstrings: 4 → not marked$" "$TMP/out"
check $? "since the last visit: the text says each change"
"$BODYMAP" --plan "$TMP/h2.bodymap" > "$TMP/out" 2>&1
! grep -q '"previous_visit"' "$TMP/out"
check $? "since the last visit: a file of its own has no history fields"
F1=$(ls "$L13/clients/$H/"2026-11-09-*.bodymap)
"$BODYMAP" --plan "$F1" > "$TMP/out" 2>&1
! grep -q '"previous_visit"' "$TMP/out"
check $? "since the last visit: the first visit has none either"

"$BODYMAP" --history "$H" --library "$L13" --format=text > "$TMP/out" 2>&1
grep -q "^Severity by area, oldest visit first$" "$TMP/out" &&
  grep -q "^  Left calf  *6  *3$" "$TMP/out" && grep -q "^  Right shin  *-  *4$" "$TMP/out" &&
  grep -q "^  Right hamstrings  *4  *-$" "$TMP/out"
check $? "history text: a table of each area's severity over the visits"

# The plan as given is kept with each visit: later rules never rewrite it
F1=$(ls "$L13/clients/$H/"2026-11-09-*.bodymap)
python3 - "$F1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert d['version'] == 2 and 'given' in d, sorted(d)
for item in d['given']['items']:
    if (item['region'], item['side']) == ('calf', 'left'):
        item['minutes'] = 33
        item['techniques'] = ['swedish']
json.dump(d, open(sys.argv[1], 'w', encoding='utf-8'))
EOF
check $? "given: a library visit keeps the plan as given"
"$BODYMAP" --plan "$H" --library "$L13" > "$TMP/out" 2>&1 &&
python3 - "$TMP/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
calf = [i for i in d['items'] if (i['region'], i['side']) == ('calf', 'left')][0]
assert calf['previous']['minutes'] == 33 and calf['previous']['techniques'] == ['swedish'], calf['previous']
EOF
check $? "given: the previous visit's techniques and minutes are those given then"
"$BODYMAP" --history "$H" --library "$L13" > "$TMP/out" 2>&1 &&
python3 - "$TMP/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
calf = [i for i in d['visits'][0]['plan']['items'] if (i['region'], i['side']) == ('calf', 'left')][0]
assert calf['minutes'] == 33, calf
EOF
check $? "given: --history gives each visit's plan as given"

echo "1..$n"
exit $fail
