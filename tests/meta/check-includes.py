#!/usr/bin/env python3
"""The layer rules, checked on every #include of engine/, targets/, hw/,
ui/ and app/ (docs/architecture.md, "Layers"):

  engine/   includes only engine/ (and system libraries, never GTK)
  targets/  includes engine/ and its own architecture's folder; never hw/,
            ui/, app/, nor another architecture (targets/targets.c, the
            table of every CPU class, is the one file that names them all)
  hw/       includes engine/ and hw/; never targets/, ui/, app/
  ui/       includes engine/ and ui/; never hw/, targets/, app/
  app/      may include everything: it is where the layers meet

and engine/, targets/ and hw/ include no GUI toolkit header (GTK, GDK,
libadwaita, VTE, and the libraries under them): the engine runs headless,
in tests, fuzzers and `medley run`, with no display library linked.

A quoted include is resolved as the compiler would: next to the file,
then from the source root (the project's one include directory).  Files
generated in the build tree (mdl-config.h, the resource headers) belong
to no layer and are always fine.

Usage: check-includes.py SOURCE_ROOT
Prints FILE:LINE: problem for every violation; exit status 1 if any.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import treelib  # noqa: E402

# Folders each layer must not reach.  The values are prefixes of paths
# relative to the source root.
FORBIDDEN = {
    "engine": ("targets/", "hw/", "ui/", "app/"),
    "targets": ("hw/", "ui/", "app/"),
    "hw": ("targets/", "ui/", "app/"),
    "ui": ("hw/", "targets/", "app/"),
    "app": (),
}

# The display stack: none of it below ui/.
GUI_HEADER = re.compile(r"^(gtk|gdk|gsk|vte|pango|cairo|graphene|gdk-pixbuf|adwaita)"
                        r"([-/.0-9]|$)")
HEADLESS = ("engine", "targets", "hw")

# The one file allowed to include every architecture's header.
TARGET_TABLE = "targets/targets.c"

INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^">]+)[">]', re.M)


def resolve(src_root, rel, name):
    """The path (relative to the source root) a quoted include of @name in
    file @rel reaches, or None when it is not in the source tree (a file
    generated in the build tree)."""
    for base in (os.path.dirname(rel), ""):
        candidate = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(src_root, candidate)):
            return candidate
    return None


def check(src_root):
    violations = []
    for rel in treelib.c_sources(src_root):
        layer = rel.split("/")[0]
        code = treelib.strip_comments(treelib.read(src_root, rel))
        for m in INCLUDE.finditer(code):
            kind, name = m.groups()
            where = f"{rel}:{treelib.line_of(code, m.start())}"
            if kind == "<":
                if layer in HEADLESS and GUI_HEADER.match(name):
                    violations.append(f"{where}: {layer}/ includes <{name}>: no GUI "
                                      f"toolkit below ui/")
                continue
            target = resolve(src_root, rel, name)
            if target is None:
                continue
            bad = next((p for p in FORBIDDEN[layer] if target.startswith(p)), None)
            if bad is not None:
                violations.append(f"{where}: {layer}/ includes \"{name}\" ({target}): "
                                  f"{layer}/ never includes {bad}")
                continue
            # One architecture never reaches into another's folder.
            if layer == "targets" and rel != TARGET_TABLE:
                mine, theirs = rel.split("/")[1], target.split("/")
                if (len(theirs) > 2 and theirs[0] == "targets" and theirs[1] != mine
                        and len(rel.split("/")) > 2):
                    violations.append(f"{where}: targets/{mine}/ includes \"{name}\" "
                                      f"({target}): one architecture never includes "
                                      f"another's files")
    return violations


def main():
    src_root = sys.argv[1]
    violations = check(src_root)
    for v in violations:
        print("FAIL:", v)
    print(f"include rules: {len(violations)} violation(s)")
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
