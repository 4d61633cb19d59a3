#!/bin/sh
# The command line, with no display: TAP output.
# usage: test-cli.sh path/to/bodymap
BODYMAP=$1
n=0
fail=0

check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi
}

out=$("$BODYMAP" --list-regions 2>/tmp/bm-cli-err.$$); status=$?
check $status "--list-regions exits 0"
[ "$(printf '%s\n' "$out" | wc -l)" -ge 25 ]; check $? "--list-regions lists at least 25 regions"
printf '%s\n' "$out" | grep -q "^calf	Calf	back,left-side,right-side	paired$"; check $? "calf: name, back view, paired"
printf '%s\n' "$out" | grep -q "^neck	Neck	front,back,left-side,right-side	midline$"; check $? "neck: both views, midline"
printf '%s\n' "$out" | grep -q "^it-band	IT band	front,back,left-side,right-side	paired$"; check $? "IT band on the outer thigh, front, back and both sides"
printf '%s\n' "$out" | grep -q "^outer-knee	Knee, outer side	left-side,right-side	paired$"; check $? "outer knee: both side views only"
for id in neck upper-trapezius shoulder upper-back lower-back chest abdomen upper-arm forearm \
          glutes piriformis tfl hip-flexors adductors quadriceps it-band hamstrings knee shin \
          peroneals calf achilles ankle foot plantar-fascia; do
  printf '%s\n' "$out" | cut -f1 | grep -qx "$id"; check $? "region $id listed"
done
[ ! -s /tmp/bm-cli-err.$$ ]; check $? "--list-regions prints nothing on stderr"

out=$("$BODYMAP" --version); status=$?
check $status "--version exits 0"
printf '%s\n' "$out" | grep -Eq '^bodymap [0-9]+\.[0-9]+\.[0-9]+$'; check $? "--version prints the version"

"$BODYMAP" --help > /tmp/bm-cli-help.$$ 2>&1; check $? "--help exits 0"
grep -q -- "--list-regions" /tmp/bm-cli-help.$$; check $? "--help mentions --list-regions"

# The atlas is parsed in a thread from the start: exits from within option
# parsing must not race with it
bad=0
for i in $(seq 1 40); do
  "$BODYMAP" --help > /dev/null 2>&1 || bad=$((bad + 1))
  "$BODYMAP" --no-such-option > /dev/null 2>&1; [ $? = 1 ] || bad=$((bad + 1))
done
[ $bad = 0 ]; check $? "40 runs of --help and of a bad option exit cleanly"

"$BODYMAP" --no-such-option > /dev/null 2>/tmp/bm-cli-err.$$; status=$?
[ $status = 1 ]; check $? "an unknown option exits 1"
[ "$(wc -l < /tmp/bm-cli-err.$$)" -le 2 ]; check $? "an unknown option gives a short message"

rm -f /tmp/bm-cli-err.$$ /tmp/bm-cli-help.$$
echo "1..$n"
exit $fail
