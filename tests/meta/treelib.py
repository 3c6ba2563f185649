"""What the tree-rules checks share: the folders, the C sources in them,
and a small C lexer that tells code from comments.

The lexer is not a C parser.  It only needs to know, for each byte of a
file, whether it is in a comment, a string or character literal, or code,
so that a rule about names can look at code and strings (a device's
compatible written as a string literal is as much a leak as an
identifier) and never at comments (prose may say "RISC-V" freely).
"""
import os
import re

# Folders whose C sources follow the layer rules.
FOLDERS = ("engine", "hw", "targets", "ui", "app")


def c_sources(src_root, folders=FOLDERS):
    """Every .c and .h file under @folders, as paths relative to @src_root,
    sorted so that messages come in a stable order."""
    found = []
    for folder in folders:
        for dirpath, dirnames, files in os.walk(os.path.join(src_root, folder)):
            dirnames.sort()
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    found.append(os.path.relpath(os.path.join(dirpath, name), src_root))
    return found


def read(src_root, rel):
    with open(os.path.join(src_root, rel), encoding="utf-8", errors="replace") as f:
        return f.read()


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def strip_comments(text):
    """@text with every comment replaced by spaces (newlines kept, so that
    offsets and line numbers stay those of the file).  Strings and
    character literals are kept as they are."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


INCLUDE_LINE = re.compile(r"[ \t]*#[ \t]*include\b")

# An identifier, or a string literal (its quotes included).
TOKEN = re.compile(r'[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\\n]|\\.)*"')


def tokens(code):
    """(offset, text) of every identifier and string literal in @code (the
    output of strip_comments), leaving out #include lines, which the
    include rules judge."""
    for m in TOKEN.finditer(code):
        start = code.rfind("\n", 0, m.start()) + 1
        if INCLUDE_LINE.match(code, start):
            continue
        yield m.start(), m.group(0)
