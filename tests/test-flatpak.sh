#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak manifest as flatpak-builder reads it (--show-manifest: no
# network, no runtime needed): the app id, the command, the app built with
# meson as the last module, and the sandbox: a display, no network and no
# file system access (files only through the portals). TAP output.
#
# usage: test-flatpak.sh MANIFEST APP_ID

manifest=$1
app_id=$2

if ! command -v flatpak-builder > /dev/null 2>&1; then
  echo "1..0 # SKIP flatpak-builder not found (apt install flatpak-builder)"
  exit 0
fi
if ! command -v python3 > /dev/null 2>&1; then
  echo "1..0 # SKIP python3 not found"
  exit 0
fi

# flatpak-builder leaves its state folder (.flatpak-builder) in the
# current folder: run it in a temporary one
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
case $manifest in /*) ;; *) manifest=$(pwd)/$manifest ;; esac
shown=$(cd "$work" && flatpak-builder --show-manifest "$manifest" 2>&1)
status=$?
if [ $status -ne 0 ]; then
  echo "not ok 1 - flatpak-builder --show-manifest $manifest"
  printf '%s\n' "$shown" | sed 's/^/# /'
  echo "1..1"
  exit 1
fi
echo "ok 1 - flatpak-builder reads $manifest"

printf '%s\n' "$shown" | python3 -c '
import json, sys

app_id = sys.argv[1]
m = json.load(sys.stdin)
n = 1
failed = False

def check(cond, what, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {what}")
    else:
        failed = True
        print(f"not ok {n} - {what}")
        if detail:
            print(f"# {detail}")

args = m.get("finish-args", [])
got_id = m.get("id", m.get("app-id"))
check(got_id == app_id, f"app id is {app_id}", f"got {got_id!r}")
command = m.get("command")
check(command == "bodymap", "command is bodymap", f"got {command!r}")
check(m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk",
      "GNOME runtime and SDK")
for wanted in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"):
    check(wanted in args, f"finish-args has {wanted}")
check("--share=network" not in args, "no network", f"finish-args: {args}")
fs = [a for a in args if a.startswith("--filesystem")]
check(not fs, "no file system access: files only through the portals", f"found {fs}")
check("--socket=x11" not in args, "X11 only as a fallback")
broad = [a for a in args if a in ("--device=all", "--socket=session-bus", "--socket=system-bus")
         or a.startswith("--talk-name=org.freedesktop.Flatpak")]
check(not broad, "no device, bus or host-command escapes", f"found {broad}")

modules = m.get("modules", [])
last = modules[-1] if modules else {}
if isinstance(last, str):
    last = {"name": last}
name, buildsystem = last.get("name"), last.get("buildsystem")
check(buildsystem == "meson", "the app is built with meson as the last module",
      f"last module: {name!r}, buildsystem {buildsystem!r}")
check(any(s.get("type") == "dir" and s.get("path") == ".." for s in last.get("sources", [])),
      "from the local source tree (type dir, path ..)")

print(f"1..{n}")
sys.exit(1 if failed else 0)
' "$app_id"
