#!/usr/bin/env python3
"""The engine's structural rules, checked on the real build (the layer
rules are check-includes.py and check-names.py):

1. every source file under engine/, hw/, targets/, ui/ and app/ is compiled
   exactly once (no per-target rebuilds of shared code);
2. no preprocessor conditional selects a target architecture;
3. every part is always built: no meson.build asks whether one of the
   project's own files exists (scaffolding from writing parts in parallel).
   What may be missing on a machine is a tool (find_program(required:
   false)) or a file outside the tree (fs.is_file('/usr/...')), and the
   tests that need it skip and say why;
4. no tracked file points to documents outside the repository.
"""
import collections
import json
import os
import re
import subprocess
import sys

src_root, build_root = sys.argv[1:3]
FOLDERS = ("engine", "hw", "targets", "ui", "app")

with open(os.path.join(build_root, "compile_commands.json")) as f:
    commands = json.load(f)

counts = collections.Counter()
for entry in commands:
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    rel = os.path.relpath(path, src_root)
    if rel.split(os.sep)[0] in FOLDERS:
        counts[rel] += 1

problems = [f"{rel} is compiled {n} times" for rel, n in sorted(counts.items()) if n != 1]

sources = []
for folder in FOLDERS:
    for dirpath, _, files in os.walk(os.path.join(src_root, folder)):
        sources += [os.path.join(dirpath, f) for f in files if f.endswith((".c", ".h"))]
never = [os.path.relpath(p, src_root) for p in sources
         if p.endswith(".c") and os.path.relpath(p, src_root) not in counts]
# A .c file that is included rather than compiled would dodge rule 1.
included_c = re.compile(r'^\s*#\s*include\s*["<][^">]+\.c[">]', re.M)
target_switch = re.compile(
    r'^\s*#\s*(if|ifdef|ifndef|elif)\b.*\b(TARGET_\w+|CONFIG_(RISCV|ARM|MIPS|X86|AARCH64)\w*|'
    r'ARCH_\w+|__riscv\w*|__arm\w*|__thumb\w*|__x86_64__|__aarch64__)', re.M)
for path in sources:
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    rel = os.path.relpath(path, src_root)
    for m in target_switch.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        problems.append(f"{rel}:{line}: a preprocessor switch selects an architecture: {m.group(0).strip()}")
    for m in included_c.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        problems.append(f"{rel}:{line}: includes a .c file: {m.group(0).strip()}")

# Rule 3.  An existence check whose argument is built from the project's
# own paths, or a relative path (which meson takes from the source tree).
# Any exists() counts (its argument is most often a path built in a
# variable); is_file() and is_dir() only on the project's own paths, as
# they are how a test finds a system file such as Debian's OpenSBI.
own_file_check = re.compile(
    r"""(?:fs|import\(\s*'fs'\s*\))\s*\.\s*(exists\s*\(|(is_file|is_dir)\s*\(\s*"""
    r"""(meson\.(project_source_root|current_source_dir|global_source_root)|'[^/]))""")
for dirpath, dirnames, files in os.walk(src_root):
    dirnames[:] = sorted(d for d in dirnames
                         if not d.startswith(".") and
                         not os.path.exists(os.path.join(dirpath, d, "meson-private")))
    if "meson.build" not in files:
        continue
    path = os.path.join(dirpath, "meson.build")
    rel = os.path.relpath(path, src_root)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    hits = list(own_file_check.finditer(text))
    for m in hits:
        line = text.count("\n", 0, m.start()) + 1
        problems.append(f"{rel}:{line}: checks whether a file of the project exists: "
                        f"every part is always built")

# Nothing in the tree points outside it: the documents a reader needs are
# in docs/, not in a folder next to the checkout that only the authors had.
# (The pattern is built in pieces so that this file does not match it.)
outside = re.compile(r"\.\./" + "shared/|/work/" + "shared")
try:
    tracked = subprocess.run(["git", "-C", src_root, "ls-files", "-z"], capture_output=True,
                             text=True, timeout=30, check=True).stdout.split("\0")
except (OSError, subprocess.SubprocessError):
    tracked = []   # not a git checkout: nothing to check
for rel in filter(None, tracked):
    try:
        with open(os.path.join(src_root, rel), encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        continue   # binary files (icons, images) and files deleted but not yet committed
    for m in outside.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        problems.append(f"{rel}:{line}: points outside the repository ({m.group(0)}...): "
                        f"link docs/ instead")

# The README's commands are `./setup.sh ...`: a commit that drops the
# executable bit (easy with git plumbing) breaks every fresh clone.
try:
    modes = subprocess.run(["git", "-C", src_root, "ls-files", "-s", "setup.sh", ".ci/run"],
                           capture_output=True, text=True, timeout=30).stdout.split("\n")
    for line in filter(None, modes):
        mode, path = line.split()[0], line.split("\t")[-1]
        if mode != "100755":
            problems.append(f"{path} is not executable in git (mode {mode})")
except (OSError, subprocess.SubprocessError):
    pass   # not a git checkout (a tarball): nothing to check

print(f"{len(counts)} sources compiled once each; {len(sources)} files scanned")
if never:
    print("not compiled into anything (fine for headers, odd for .c):", ", ".join(never))
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
