#!/usr/bin/env python3
# Prints "N passed, N failed" for meson test logs (one or more testlog.json,
# counted together): GLib tests count one per test case (from their TAP
# output), other tests one each.
import json
import re
import sys

passed = failed = 0
lines = []
try:
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            lines += [json.loads(line) for line in f if line.strip()]
except OSError as e:
    print(f"0 passed, 1 failed ({e})")
    sys.exit(1)

for test in lines:
    out = test.get("stdout") or ""
    oks = len(re.findall(r"^ok \d+", out, re.M))
    nots = len(re.findall(r"^not ok \d+", out, re.M))
    ok = test.get("result") in ("OK", "SKIP", "EXPECTEDFAIL")
    if oks or nots:
        passed += oks
        failed += nots
        if not ok and nots == 0:
            failed += 1  # crashed or timed out between cases
    elif ok:
        passed += 1
    else:
        failed += 1

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
