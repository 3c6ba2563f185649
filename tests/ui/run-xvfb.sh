#!/bin/sh
# Runs a GUI test on its own X server, so that it needs no desktop and
# never draws on the person's screen.  Skips (77) without Xvfb.
set -eu
command -v xvfb-run >/dev/null 2>&1 || { echo "xvfb-run not found: skipping" >&2; exit 77; }

# The cairo renderer: Xvfb has no GL.  No accessibility bus to look for.
export GSK_RENDERER=cairo NO_AT_BRIDGE=1 GDK_BACKEND=x11
unset WAYLAND_DISPLAY

# A private session bus when available, so nothing reaches the real one.
bus=""
command -v dbus-run-session >/dev/null 2>&1 && bus="dbus-run-session --"

# Big enough for the window's default size.
exec xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" $bus "$@"
