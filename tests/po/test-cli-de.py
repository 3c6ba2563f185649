#!/usr/bin/env python3
"""`medley` speaks German with LANGUAGE=de and the build tree's catalogues.

Usage: test-cli-de.py MEDLEY LOCALEDIR

Runs the command line (no display needed) with MEDLEY_LOCALEDIR pointing
at <builddir>/po, so the whole chain is checked: the catalogue built by
po/meson.build, bindtextdomain() in app/main.c and the marked strings,
GOption's descriptions included.
"""

import os
import subprocess
import sys


def run(medley, localedir, *args):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("LANG", "DISPLAY", "WAYLAND_DISPLAY")}
    # gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is always there.
    env.update(LANG="C.UTF-8", LANGUAGE="de", MEDLEY_LOCALEDIR=localedir)
    return subprocess.run([medley] + list(args), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=60)


def main():
    medley, localedir = sys.argv[1:3]
    failures = []
    checks = [
        (("--help",), "stdout", "Aufruf:"),
        (("run", "--help"), "stdout", "Angehalten starten und auf GDB warten"),
        (("run", "--help"), "stdout", "Die UART-Ausgabe des Gastes"),
        (("run",), "stderr", "Welche Platine?"),
        (("frobnicate",), "stderr", "unbekannter Befehl »frobnicate«"),
    ]
    for args, stream, want in checks:
        r = run(medley, localedir, *args)
        text = getattr(r, stream)
        if want not in text:
            failures.append("medley %s: no “%s” in %s:\n%s"
                            % (" ".join(args), want, stream, text))
    for f in failures:
        print(f, file=sys.stderr)
    if not failures:
        print("medley speaks German")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
