#!/usr/bin/env python3
"""The modular build (-Dmodules=true) loads only what a board needs.

Usage: test-modules.py CHECK MEDLEY MODULE_DIR MODULAR BOARD [FAKE_MODULE]

CHECK is one of:
  headless  `medley run` of a RISC-V board loads the RISC-V module and the
            devices it uses, and maps neither the Arm module nor the
            workbench, GTK, libadwaita or VTE;
  missing   with the RISC-V module file removed, the board fails with one
            line naming the compatible and the module;
  version   with a module built for another Medley version in its place,
            the board fails with one line saying so, and nothing of that
            module is used;
  manifest-version
            the same with a manifest of another version: the module file
            is not even mapped;
  window    (under Xvfb) opening the board in the window loads the
            workbench module and GTK with it.

What the run loaded comes from MEDLEY_REPORT_MODULES (app/main.c): the
modules and every shared object in /proc/self/maps at exit.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

GUI_LIBS = ("libgtk-4", "libadwaita-1", "libvte-2.91-gtk4")


def run(medley, board, env_extra):
    with tempfile.TemporaryDirectory(prefix="medley-modules-") as tmp:
        report = os.path.join(tmp, "report")
        env = dict(os.environ, MEDLEY_REPORT_MODULES=report, **env_extra)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        proc = subprocess.run([medley, "run", board, "--max-time", "100ms"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=60)
        modules, libs = [], []
        if os.path.exists(report):
            for line in open(report, encoding="utf-8"):
                kind, _, what = line.rstrip("\n").partition(" ")
                (modules if kind == "module" else libs).append(what)
        return proc, modules, libs


def copy_modules(src, dst, skip=()):
    for f in os.listdir(src):
        if (f.endswith(".manifest") or (f.startswith("mdl-") and f.endswith(".so"))) \
                and f not in skip:
            shutil.copy(os.path.join(src, f), dst)


def main():
    check, medley, module_dir, modular, board = sys.argv[1:6]
    if modular != "true":
        print("skipped: the default build links every module in (configure with "
              "-Dmodules=true)")
        return 77
    failures = []

    if check == "headless":
        proc, modules, libs = run(medley, board, {})
        if proc.returncode != 0:
            failures.append(f"medley run exited {proc.returncode}: {proc.stderr.strip()}")
        print("loaded modules:", " ".join(modules))
        print("mapped libraries:", len(libs))
        for want in ("riscv", "memory", "serial"):
            if want not in modules:
                failures.append(f"module {want} not loaded")
        for unwanted in ("arm", "workbench", "display"):
            if unwanted in modules:
                failures.append(f"module {unwanted} loaded by a RISC-V board")
        for lib in libs:
            base = os.path.basename(lib)
            if base.startswith(GUI_LIBS) or base in ("mdl-arm.so", "mdl-workbench.so"):
                failures.append("mapped: " + lib)
    elif check == "manifest-version":
        # A manifest of another version: refused without mapping the file.
        with tempfile.TemporaryDirectory(prefix="medley-moddir-") as tmp:
            copy_modules(module_dir, tmp)
            mf = os.path.join(tmp, "riscv.manifest")
            text = open(mf, encoding="utf-8").read()
            with open(mf, "w", encoding="utf-8") as f:
                f.write(re.sub(r"(?m)^Version=.*$", "Version=0.0.0-other", text))
            proc, modules, libs = run(medley, board, {"MEDLEY_MODULE_DIR": tmp})
        err = [l for l in proc.stderr.splitlines() if l.strip()]
        print("stderr:", *err, sep="\n  ")
        if proc.returncode == 0 or len(err) != 1:
            failures.append("expected a failure in one line")
        for w in ["\"riscv,rv32", "module 'riscv'", "built for Medley 0.0.0-other", "refused"]:
            if not err or w not in err[0]:
                failures.append(f"the error does not say {w!r}")
        if "riscv" in modules or any(l.endswith("/mdl-riscv.so") for l in libs):
            failures.append("the refused module was loaded")
    elif check in ("missing", "version"):
        with tempfile.TemporaryDirectory(prefix="medley-moddir-") as tmp:
            copy_modules(module_dir, tmp, skip=("mdl-riscv.so",))
            if check == "version":
                shutil.copy(sys.argv[6], os.path.join(tmp, "mdl-riscv.so"))
            proc, modules, _ = run(medley, board, {"MEDLEY_MODULE_DIR": tmp})
        err = [l for l in proc.stderr.splitlines() if l.strip()]
        print("stderr:", *err, sep="\n  ")
        if proc.returncode == 0:
            failures.append("the board ran without its CPU module")
        if len(err) != 1:
            failures.append(f"{len(err)} lines on stderr, not one")
        line = err[0] if err else ""
        want = ["\"riscv,rv32", "module 'riscv'"]
        want += ["is not installed"] if check == "missing" else \
                ["built for Medley 0.0.0-other", "refused"]
        for w in want:
            if w not in line:
                failures.append(f"the error does not say {w!r}")
        if "riscv" in modules:
            failures.append("the refused module counts as loaded")
    elif check == "window":
        if not os.environ.get("DISPLAY"):
            print("skipped: no display (run under tests/ui/run-xvfb.sh)")
            return 77
        proc = subprocess.Popen([medley, board], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        want = ("mdl-workbench.so", "libgtk-4")
        deadline = time.monotonic() + 60
        seen = ()
        try:
            # Wait for the condition (both mapped), or the process to end.
            while proc.poll() is None and time.monotonic() < deadline:
                maps = open(f"/proc/{proc.pid}/maps").read()
                seen = [w for w in want if w in maps]
                if len(seen) == len(want):
                    break
                time.sleep(0.05)
        finally:
            proc.kill()
            out = proc.communicate()[0].decode("utf-8", "replace")
        print("mapped:", *seen)
        if len(seen) != len(want):
            failures.append("the window's process never mapped " + " and ".join(want)
                            + "; output:\n" + out)
    else:
        print(__doc__, file=sys.stderr)
        return 2

    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
