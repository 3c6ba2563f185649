#!/usr/bin/env python3
"""`meson install` into a temporary DESTDIR puts every file where it belongs.

Usage: test-install.py BUILD_DIR PREFIX DATADIR BINDIR LOCALEDIR LIBDIR MODULAR

Checks the binary, the launcher, the metainfo, the MIME type, the
application icons (full colour and symbolic), the component symbols, the
boards with the firmware they load, and the German catalogue.  Also
checks that the installed launcher and metainfo carry the German
translation.  Then runs a shipped board with the installed binary: in the
modular build (MODULAR = true) every module and its manifest must be in
LIBDIR/medley/modules, and the run must load its modules from there, found
from the binary's own place.
"""

import os
import re
import subprocess
import sys
import tempfile

APP_ID = "io.github.medley.Medley"

def main():
    build, prefix, datadir, bindir, localedir, libdir, modular = sys.argv[1:8]
    failures = []

    with tempfile.TemporaryDirectory(prefix="medley-install-") as dest:
        proc = subprocess.run(
            ["meson", "install", "-C", build, "--no-rebuild", "--quiet",
             "--destdir", dest],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            print(proc.stdout)
            print("meson install failed", file=sys.stderr)
            return 1

        def path(*parts):
            # DESTDIR + an absolute prefix: join without losing either.
            return os.path.join(dest, *(p.lstrip("/") for p in parts))

        def expect(*parts):
            p = path(*parts)
            if not os.path.isfile(p):
                failures.append("missing: " + os.path.relpath(p, dest))
            return p

        share = os.path.join(prefix, datadir)
        expect(prefix, bindir, "medley")
        desktop = expect(share, "applications", APP_ID + ".desktop")
        metainfo = expect(share, "metainfo", APP_ID + ".metainfo.xml")
        mime = expect(share, "mime", "packages", APP_ID + ".xml")
        expect(share, "icons", "hicolor", "scalable", "apps", APP_ID + ".svg")
        expect(share, "icons", "hicolor", "symbolic", "apps",
               APP_ID + "-symbolic.svg")
        for name in ["cpu", "memory", "serial", "timer", "interrupt-controller",
                     "mailbox", "display", "other"]:
            expect(share, "icons", "hicolor", "scalable", "actions",
                   "medley-%s-symbolic.svg" % name)
        expect(os.path.join(prefix, localedir), "de", "LC_MESSAGES",
               "medley.mo")

        # Every shipped board, and every firmware image a board names.
        boards = path(share, "medley", "boards")
        for name in ["hetero-demo.dts", "riscv32-virt.dts", "riscv64-virt.dts",
                     "cortex-m3.dts", "cortex-m0.dts", "framebuffer-demo.dts",
                     "gpio-demo.dts"]:
            board = expect(share, "medley", "boards", name)
            if not os.path.isfile(board):
                continue
            with open(board, encoding="utf-8") as f:
                text = f.read()
            for fw in re.findall(r'medley,firmware\s*=\s*"([^"]+)"', text):
                if not os.path.isfile(os.path.join(boards, fw)):
                    failures.append("%s names %s, not installed" % (name, fw))

        # The launcher and the metainfo carry the translation.
        for f, pattern in [(desktop, r"^Comment\[de\]="),
                           (metainfo, r'<summary xml:lang="de">'),
                           (mime, r'<comment xml:lang="de">')]:
            if os.path.isfile(f):
                with open(f, encoding="utf-8") as fh:
                    if not re.search(pattern, fh.read(), re.M):
                        failures.append("no German in " + os.path.basename(f))

        run_installed(path, prefix, share, bindir, libdir, modular == "true", failures)

    for f in failures:
        print(f, file=sys.stderr)
    if not failures:
        print("installed: all in place")
    return 1 if failures else 0

def run_installed(path, prefix, share, bindir, libdir, modular, failures):
    """The installed binary runs an installed board, from its modules."""
    moddir = path(prefix, libdir, "medley", "modules")
    if modular:
        for name in ["riscv", "arm", "memory", "serial", "workbench"]:
            for f in (name + ".manifest", "mdl-%s.so" % name):
                if not os.path.isfile(os.path.join(moddir, f)):
                    failures.append("missing: " + os.path.join(moddir, f))
    board = path(share, "medley", "boards", "riscv32-virt.dts")
    boards = os.path.dirname(board)
    fw = None
    if os.path.isfile(board):
        with open(board, encoding="utf-8") as f:
            m = re.search(r'medley,firmware\s*=\s*"([^"]+)"', f.read())
            fw = m and os.path.join(boards, m.group(1))
    if fw is None or not os.path.isfile(fw):
        print("no installed RISC-V firmware (no cross compiler?): run not tried")
        return
    with tempfile.TemporaryDirectory(prefix="medley-report-") as tmp:
        report = os.path.join(tmp, "report")
        env = dict(os.environ, MEDLEY_REPORT_MODULES=report)
        for var in ("DISPLAY", "WAYLAND_DISPLAY", "MEDLEY_MODULE_DIR"):
            env.pop(var, None)
        proc = subprocess.run([path(prefix, bindir, "medley"), "run", board,
                               "--max-time", "100ms"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=60)
        lines = open(report, encoding="utf-8").read().splitlines() \
            if os.path.exists(report) else []
    if proc.returncode != 0 or "Hello" not in proc.stdout:
        failures.append("installed medley run %s: exit %d: %s"
                        % (os.path.basename(board), proc.returncode, proc.stderr.strip()))
    if modular:
        mods = [l.split(" ", 1)[1] for l in lines if l.startswith("module ")]
        libs = [l.split(" ", 1)[1] for l in lines if l.startswith("library ")]
        if "riscv" not in mods:
            failures.append("the installed run loaded no riscv module: " + " ".join(mods))
        real = os.path.realpath(moddir)
        for name in mods:
            lib = [l for l in libs if os.path.basename(l) == "mdl-%s.so" % name]
            if not lib or os.path.dirname(os.path.realpath(lib[0])) != real:
                failures.append("module %s not loaded from %s: %s" % (name, moddir, lib))
        print("installed run loaded:", " ".join(mods))


if __name__ == "__main__":
    sys.exit(main())
