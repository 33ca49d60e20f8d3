#!/usr/bin/env bash
# Screenshots of every screen of the real cxdash window on the demo
# workspace, under a virtual X server, at 1280x800 and 1920x1080:
#   tools/screenshots.sh BINARY OUTDIR
# Each size gets its own X server, a fresh Fyne preferences folder and a
# new demo workspace, so nothing of the user's own set-up shows. The tabs
# are reached with the window's own shortcuts, Ctrl+1 ... Ctrl+7.
set -euo pipefail
bin=$(realpath "$1")
out=$2
mkdir -p "$out"
screens=(dashboard disciplines governance data import reports settings)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

shoot() { # width height display
  local w=$1 h=$2 disp=$3 dir="$work/$1x$2"
  mkdir -p "$dir/config"
  Xvfb ":$disp" -screen 0 "${w}x${h}x24" -nolisten tcp >/dev/null 2>&1 &
  local xvfb=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
  export DISPLAY=":$disp" XDG_CONFIG_HOME="$dir/config" LANG=en_US.UTF-8
  "$bin" demo --db "$dir/acme.db" >/dev/null
  CXDASH_READY_FILE="$dir/ready" "$bin" --db "$dir/acme.db" >"$dir/log" 2>&1 &
  local app=$!
  for _ in $(seq 600); do [ -e "$dir/ready" ] && break; sleep 0.1; done
  [ -e "$dir/ready" ] || { echo "cxdash did not draw its dashboard at ${w}x$h:"; cat "$dir/log"; exit 1; }
  local win
  win=$(xdotool search --sync --pid "$app" --onlyvisible --name cxdash | head -1)
  xdotool windowmove "$win" 0 0 windowsize "$win" "$w" "$h" windowactivate --sync "$win" 2>/dev/null || true
  sleep 1.5
  for i in "${!screens[@]}"; do
    xdotool key --window "$win" "ctrl+$((i + 1))"
    sleep 1.5 # let the screen load and paint
    import -window root "$out/${screens[$i]}-${w}x${h}.png"
    echo "$out/${screens[$i]}-${w}x${h}.png"
  done
  kill "$app" "$xvfb" 2>/dev/null || true
  wait "$app" "$xvfb" 2>/dev/null || true
}

shoot 1280 800 91
shoot 1920 1080 92
