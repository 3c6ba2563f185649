#!/usr/bin/env python3
"""The rule checkers bite: check-includes.py and check-names.py run on a
small made-up tree with one violation of each kind, and must report each
at its file and line, and nothing that is only in a comment.

A checker that quietly passes everything would look exactly like a clean
tree; this test is what tells the two apart.

Usage: test-checkers.py
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

TREE = {
    "engine/cpu.h": "",
    "engine/ok.c": '#include "cpu.h"\n#include <glib.h>\n',
    "engine/bad.c": (
        '#include "hw/widget.h"\n'                      # 1: engine -> hw
        '#include <gtk/gtk.h>\n'                        # 2: GUI below ui/
        '/* riscv, satp and mdl_widget_class in a comment are fine */\n'
        'static int satp_shadow;\n'                     # 4: RISC-V CSR
        'static const char *c = "vendor,widget";\n'     # 5: a class compatible
        'extern int mdl_widget_class;\n'                # 6: a class symbol
        'int MDL_MEM_MISALIGNED, alarm, armed;\n'       # 7: none of these
        '// cortex in a line comment is fine too\n'
        'static const char *s = "/* riscv */";\n'),     # 9: in a string: counts
    "hw/widget.h": "",
    "hw/widget.c": ('#include "engine/cpu.h"\n'
                    'const MdlDeviceClass mdl_widget_class = {\n'
                    '  .compatible = "vendor,widget",\n};\n'),
    "hw/leaky.c": '#include "targets/a/a.h"\n',         # 1: hw -> targets
    "targets/a/a.h": '#include "engine/cpu.h"\n',
    "targets/a/a.c": '#include "../b/b.h"\n',           # 1: one arch -> another
    "targets/b/b.h": "",
    "targets/targets.c": '#include "a/a.h"\n#include "b/b.h"\n',
    "ui/view.c": ('#include "engine/cpu.h"\n'
                  '#include "targets/a/a.h"\n'          # 2: ui -> targets
                  'static const char *flags = "xpsr";\n'),  # 3: Arm status register
    "app/main.c": '#include "hw/widget.h"\n#include "targets/a/a.h"\n#include "ui/view.h"\n',
}

EXPECTED = {
    "check-includes.py": [
        'engine/bad.c:1: engine/ includes "hw/widget.h"',
        "engine/bad.c:2: engine/ includes <gtk/gtk.h>",
        'hw/leaky.c:1: hw/ includes "targets/a/a.h"',
        'targets/a/a.c:1: targets/a/ includes "../b/b.h"',
        'ui/view.c:2: ui/ includes "targets/a/a.h"',
    ],
    "check-names.py": [
        "engine/bad.c:4: satp_shadow",
        'engine/bad.c:5: "vendor,widget"',
        "engine/bad.c:6: mdl_widget_class",
        'engine/bad.c:9: "/* riscv */"',
        'ui/view.c:3: "xpsr"',
    ],
}
# Reported lines must be exactly these (plus the notes and the real tree's
# ALLOWED entries, which this tree does not have).
FORBIDDEN_LINES = ["engine/bad.c:3:", "engine/bad.c:7:", "engine/bad.c:8:", "app/",
                   "targets/targets.c", "engine/ok.c"]


def main():
    failures = []
    with tempfile.TemporaryDirectory() as root:
        for rel, text in TREE.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        for script, expected in EXPECTED.items():
            run = subprocess.run([sys.executable, os.path.join(HERE, script), root],
                                 capture_output=True, text=True, timeout=60)
            fails = [line[len("FAIL: "):] for line in run.stdout.splitlines()
                     if line.startswith("FAIL: ") and "ALLOWED entry" not in line]
            if run.returncode != 1:
                failures.append(f"{script}: exit status {run.returncode}, expected 1")
            for want in expected:
                if not any(f.startswith(want) for f in fails):
                    failures.append(f"{script}: did not report {want!r}")
            for f in fails:
                if any(f.startswith(bad) for bad in FORBIDDEN_LINES):
                    failures.append(f"{script}: reported what is allowed: {f!r}")
            if len(fails) != len(expected):
                failures.append(f"{script}: {len(fails)} reports, expected {len(expected)}:\n  "
                                + "\n  ".join(fails))
    for f in failures:
        print("FAIL:", f)
    print(f"checkers: {len(failures)} problem(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
