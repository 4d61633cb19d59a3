#!/bin/sh
# bodymap --plan, with no display: TAP output.
# usage: test-plan-cli.sh path/to/bodymap path/to/tests
BODYMAP=$1
DATA=$2/data
TMP=${TMPDIR:-/tmp}/bm-plan-cli.$$
mkdir -p "$TMP"
n=0
fail=0

check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi
}

# The plan JSON against docs/plan-format.md: keys in order, types, values
check_json () {
  python3 - "$1" <<'EOF'
import json, sys
raw = open(sys.argv[1], 'rb').read()
plan = json.loads(raw.decode('utf-8'))
def keys(obj, contract, extra=()):
    k = list(obj.keys())
    assert k[:len(contract)] == contract, k
    assert all(x in extra for x in k[len(contract):]), k
keys(plan, ["format", "version", "client", "visit_date", "session_minutes", "items",
            "warnings", "timing", "next_visit_days"],
     ["assessment_minutes", "session_set_by_therapist", "chosen_session_minutes", "therapist_notes", "free_minutes",
      "do_not_touch", "next_time", "race_visits", "next_visit_reason", "home_care",
      "postpone_advice"])
assert plan["format"] == "bodymap-plan" and plan["version"] == 1
assert isinstance(plan["client"], str) and isinstance(plan["visit_date"], str)
assert plan["session_minutes"] in (0, 30, 45, 60, 75, 90, 120)
techniques = {"deep-tissue", "trigger-point", "myofascial-release", "ashiatsu",
              "muscle-energy-technique", "assisted-stretching", "pre-event",
              "post-event-flush", "swedish"}
total = plan.get("assessment_minutes", 0)
seen = set()
for item in plan["items"]:
    keys(item, ["region", "side", "severity", "symptoms", "marked", "techniques",
                "minutes", "reason"], ["therapist", "role", "supports", "left_out", "freed_minutes"])
    assert isinstance(item["region"], str) and item["side"] in ("left", "right", "center")
    assert (item["region"], item["side"]) not in seen
    seen.add((item["region"], item["side"]))
    assert type(item["severity"]) is int and 0 <= item["severity"] <= 10
    assert all(s in ("tight", "sore", "knot", "sharp", "tingling", "swollen") for s in item["symptoms"])
    assert type(item["marked"]) is bool
    assert all(t in techniques for t in item["techniques"])
    assert type(item["minutes"]) is int and item["minutes"] >= 0
    assert isinstance(item["reason"], str) and item["reason"]
    if "therapist" in item:
        assert item["therapist"] is True
    total += item["minutes"]
assert total <= plan["session_minutes"], (total, plan["session_minutes"])
order = {"postpone": 0, "refer": 1, "caution": 2}
last = 0
for w in plan["warnings"]:
    keys(w, ["level", "region", "side", "message"], ["id", "acknowledged", "note"])
    assert order[w["level"]] >= last
    last = order[w["level"]]
    assert (w["region"] is None) == (w["side"] is None)
    assert isinstance(w["message"], str) and w["message"]
keys(plan["timing"], ["days_to_race", "days_since_race", "advice"])
for k in ("days_to_race", "days_since_race"):
    v = plan["timing"][k]
    assert v is None or (type(v) is int and v >= 0)
assert isinstance(plan["timing"]["advice"], str)
assert plan["session_minutes"] == 0 or plan["timing"]["advice"]
assert type(plan["next_visit_days"]) is int and plan["next_visit_days"] > 0
print(json.dumps({"session": plan["session_minutes"], "items": len(plan["items"]),
                  "levels": [w["level"] for w in plan["warnings"]],
                  "days_to_race": plan["timing"]["days_to_race"],
                  "days_since_race": plan["timing"]["days_since_race"],
                  "therapist": [i["region"] for i in plan["items"] if i.get("therapist")],
                  "next": plan["next_visit_days"]}, sort_keys=True))
EOF
}

# JSON (the default format)
"$BODYMAP" --plan "$DATA/jamie.bodymap" > "$TMP/out" 2> "$TMP/err"; status=$?
check $status "--plan exits 0"
[ ! -s "$TMP/err" ]; check $? "--plan prints nothing on stderr"
summary=$(check_json "$TMP/out"); check $? "--plan prints JSON of the contract (json is the default)"
echo "$summary" | grep -q '"days_to_race": 13'; check $? "jamie: 13 days to the race"
echo "$summary" | grep -q '"next": 7'; check $? "jamie: next visit in 7 days (peak)"
echo "$summary" | grep -q '"levels": \[[^]]*"refer"'; check $? "jamie: the sharp and tingling areas are referred"
"$BODYMAP" --plan "$DATA/jamie.bodymap" --format=json > "$TMP/out2" 2>&1
cmp -s "$TMP/out" "$TMP/out2"; check $? "--format=json gives the same bytes, every time"
tail -c 2 "$TMP/out" | od -c | grep -q '}  *\\n'; check $? "the JSON ends with a newline"

"$BODYMAP" --plan "$DATA/fever.bodymap" > "$TMP/out" 2>&1; status=$?
check $status "fever: exits 0"
summary=$(check_json "$TMP/out"); check $? "fever: JSON of the contract"
echo "$summary" | grep -q '"session": 0'; check $? "fever: session postponed (0 minutes)"
echo "$summary" | grep -q '"levels": \["postpone"'; check $? "fever: a postpone warning first"
echo "$summary" | grep -q '"days_since_race": 1'; check $? "fever: raced a day ago"

"$BODYMAP" --plan "$DATA/pre-race.bodymap" > "$TMP/out" 2>&1; status=$?
check $status "pre-race: exits 0"
summary=$(check_json "$TMP/out"); check $? "pre-race: JSON of the contract"
echo "$summary" | grep -q '"therapist": \["glutes"\]'; check $? "pre-race: the therapist's item is marked as such"
echo "$summary" | grep -q '"session": 30'; check $? "pre-race: the therapist's session length"
grep -q '"techniques": \["pre-event"\]' "$TMP/out"; check $? "pre-race: pre-event work only"
! grep -q '"deep-tissue"' "$TMP/out"; check $? "pre-race: no deep tissue"
grep -q '"client": "Zoë Park"' "$TMP/out"; check $? "pre-race: UTF-8 kept as is"

# Text
"$BODYMAP" --plan "$DATA/jamie.bodymap" --format=text > "$TMP/out" 2> "$TMP/err"; status=$?
check $status "--format=text exits 0"
[ ! -s "$TMP/err" ]; check $? "--format=text prints nothing on stderr"
grep -q "^Treatment plan for Jamie Rivers$" "$TMP/out"; check $? "text: names the client"
grep -q "^Session: [0-9]* minutes$" "$TMP/out"; check $? "text: session length"
grep -q "^Warnings$" "$TMP/out"; check $? "text: warnings section"
grep -q "^  See a professional first, .*Left IT band.*: Sharp pain" "$TMP/out"; check $? "text: a referral names the region and side"
grep -q "^  Left calf: \([0-9]* minutes\|not worked today\)$" "$TMP/out"; check $? "text: items with region, side and minutes"
! grep -q "^  .*[^0-9]0 minutes$" "$TMP/out"; check $? "text: an area not worked says so, not 0 minutes"
grep -q "^    Techniques: [A-Z]" "$TMP/out" && ! grep -q "deep-tissue\|trigger-point\|myofascial-release" "$TMP/out"; check $? "text: technique names, not ids"
grep -q "^    \(Supports: .*\|Worked in support\|General maintenance\)$" "$TMP/out"; check $? "text: an unmarked item says why it is there"
! grep -qi "supporting area" "$TMP/out"; check $? "text: no \"supporting area\" that supports nothing"
grep -q "^  Next race in 13 days$" "$TMP/out"; check $? "text: race timing"
grep -q "^Next visit: in about 7 days (Mon 30 Nov)$" "$TMP/out"; check $? "text: next visit, dated from the visit"
! grep -q "in 0 days\|0 days ago" "$TMP/out"; check $? "text: never \"in 0 days\""
sed -n "/^Warnings$/,/^$/p" "$TMP/out" | sed -n "s/^  [^:]*: //p" | sort | uniq -d | grep -q .; [ $? = 1 ]; check $? "text: each warning once, naming all its areas"
! grep -q '[{}]' "$TMP/out"; check $? "text: no JSON"
"$BODYMAP" --plan "$DATA/fever.bodymap" --format=text > "$TMP/out" 2>&1
grep -q "^No massage today$" "$TMP/out"; check $? "text: a postponed session says so at the top"
! grep -q "^Session: \|minutes to talk" "$TMP/out"; check $? "text: a postponed session has no length"
grep -q "Rebook next week." "$TMP/out"; check $? "text: the therapist's notes"
"$BODYMAP" --plan "$DATA/pre-race.bodymap" --format=text > "$TMP/out" 2>&1
grep -q "Adjusted by your therapist" "$TMP/out"; check $? "text: the therapist's changes are marked"

# Bad input: exit 1, exactly one line on stderr naming the file
bad () {
  "$BODYMAP" "$@" > "$TMP/out" 2> "$TMP/err"; status=$?
  [ $status = 1 ] && [ "$(wc -l < "$TMP/err")" = 1 ] && [ ! -s "$TMP/out" ]
}
bad --plan "$DATA/no-such-file.bodymap"; check $? "a missing file: exit 1, one line"
grep -q "^no-such-file.bodymap: " "$TMP/err"; check $? "a missing file: the message names the file"
bad --plan "$DATA/invalid.bodymap"; check $? "an invalid file: exit 1, one line"
grep -q "^invalid.bodymap: line 1, column" "$TMP/err"; check $? "an invalid file: the message names the file and position"
bad --plan "$DATA/bad-severity.bodymap"; check $? "a bad severity: exit 1, one line"
grep -qx "bad-severity.bodymap: marks\[0\].severity: must be 0-10, got 15" "$TMP/err"; check $? "a bad severity: the message of the contract"
bad --plan "$DATA"; check $? "a folder: exit 1, one line"
head -c 3000 /dev/urandom > "$TMP/random.bodymap"
bad --plan "$TMP/random.bodymap"; check $? "random bytes: exit 1, one line, no crash"
printf '' > "$TMP/empty.bodymap"
bad --plan "$TMP/empty.bodymap"; check $? "an empty file: exit 1, one line"
bad --plan "$DATA/jamie.bodymap" --format=xml; check $? "a bad --format: exit 1, one line"
grep -q "format" "$TMP/err"; check $? "a bad --format: the message says what is wrong"
bad --format=text; check $? "--format without --plan: exit 1, one line"

"$BODYMAP" --help > "$TMP/out" 2>&1
grep -q -- "--plan" "$TMP/out"; check $? "--help mentions --plan"
grep -q -- "--export-pdf" "$TMP/out"; check $? "--help mentions --export-pdf"

# The printable plan as PDF, with no display
"$BODYMAP" --export-pdf "$TMP/plan.pdf" "$DATA/jamie.bodymap" > "$TMP/out" 2> "$TMP/err"; status=$?
[ $status = 0 ] && [ ! -s "$TMP/err" ]; check $? "--export-pdf: exit 0, quiet"
[ "$(head -c 5 "$TMP/plan.pdf")" = "%PDF-" ]; check $? "--export-pdf: writes a PDF"
[ "$(stat -c %a "$TMP/plan.pdf")" = 600 ]; check $? "--export-pdf: the file is private (0600)"
if command -v pdftotext > /dev/null; then
  pdftotext "$TMP/plan.pdf" "$TMP/plan.txt"
  grep -q "Jamie Rivers" "$TMP/plan.txt" && grep -q "Left calf" "$TMP/plan.txt"; check $? "--export-pdf: the text is real text"
fi
ls -a "$TMP" | grep -q "^\.plan.pdf\|\.tmp"; [ $? = 1 ]; check $? "--export-pdf: no temporary file left"
bad --export-pdf "$TMP/bad.pdf" "$DATA/bad-severity.bodymap"; check $? "--export-pdf of a bad file: exit 1, one line"
grep -qx "bad-severity.bodymap: marks\[0\].severity: must be 0-10, got 15" "$TMP/err"; check $? "--export-pdf of a bad file: the message of the contract"
[ ! -e "$TMP/bad.pdf" ]; check $? "--export-pdf of a bad file: no PDF"
bad --export-pdf "$TMP/no/such/folder/x.pdf" "$DATA/jamie.bodymap"; check $? "--export-pdf into a missing folder: exit 1, one line"
grep -q "^x.pdf: " "$TMP/err"; check $? "--export-pdf into a missing folder: the message names the file"
bad --export-pdf "$TMP/x.pdf"; check $? "--export-pdf without an intake: exit 1, one line"

rm -rf "$TMP"
echo "1..$n"
exit $fail
