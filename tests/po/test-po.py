#!/usr/bin/env python3
"""The translations are complete and po/POTFILES.in is current.

Usage: test-po.py SOURCE_ROOT potfiles|LANG...

  potfiles  every source file with translatable strings is listed in
            po/POTFILES.in, and every listed file exists
  LANG      po/LANG.po passes `msgfmt --check`, has no untranslated or
            fuzzy message, and translates every string xgettext finds in
            the files of POTFILES.in (so a new string is noticed at once)
"""

import os
import re
import subprocess
import sys
import tempfile

# Folders whose files may carry user-visible strings.
SOURCE_DIRS = ["app", "ui", "data"]
MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_|g_dngettext|g_dpgettext2)\s*\(\s*"'
                     r'|translatable="yes"')
DATA_FILES = re.compile(r"\.(desktop\.in|metainfo\.xml\.in|mime\.xml)$")

# The keywords of meson's glib preset (i18n.gettext(..., preset: 'glib')).
XGETTEXT_KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2",
                     "g_dngettext:2,3", "g_dpgettext2:2c,3"]


def potfiles(root):
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def check_potfiles(root):
    listed = potfiles(root)
    failures = ["listed but missing: " + p for p in listed
                if not os.path.isfile(os.path.join(root, p))]
    for d in SOURCE_DIRS:
        for dirpath, _, names in os.walk(os.path.join(root, d)):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if DATA_FILES.search(name):
                    marked = True
                elif name.endswith((".c", ".ui")):
                    with open(path, encoding="utf-8") as f:
                        marked = MARKERS.search(f.read()) is not None
                else:
                    continue
                if marked and rel not in listed:
                    failures.append("not in po/POTFILES.in: " + rel)
    return failures


def statistics(po):
    proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env=dict(os.environ, LC_ALL="C"))
    return proc.returncode, proc.stdout.strip()


def check_language(root, lang):
    po = os.path.join(root, "po", lang + ".po")
    rc, stats = statistics(po)
    print("%s: %s" % (lang, stats))
    failures = []
    if rc != 0:
        failures.append("msgfmt --check failed for %s.po" % lang)
    if "untranslated" in stats or "fuzzy" in stats:
        failures.append("%s.po is incomplete: %s" % (lang, stats))

    # Against what the sources say today, not against a stale medley.pot.
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "medley.pot")
        args = ["xgettext", "--from-code=UTF-8", "--directory=" + root,
                "--files-from=" + os.path.join(root, "po", "POTFILES.in"),
                "--output=" + pot]
        args += ["--keyword=" + k for k in XGETTEXT_KEYWORDS]
        proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if proc.returncode != 0:
            failures.append("xgettext failed:\n" + proc.stdout)
            return failures
        proc = subprocess.run(["msgcmp", po, pot], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            failures.append("%s.po lacks strings of the sources (run `meson compile "
                            "medley-update-po` and translate them):\n%s"
                            % (lang, proc.stdout))
    return failures


def main():
    root = sys.argv[1]
    failures = []
    for what in sys.argv[2:]:
        if what == "potfiles":
            failures += check_potfiles(root)
        else:
            failures += check_language(root, what)
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
