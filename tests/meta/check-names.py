#!/usr/bin/env python3
"""No architecture or device names in engine/ and ui/ code.

The engine and the workbench know CPUs and devices only through their
class descriptors (engine/cpu.h, engine/device.h) and the registry
(docs/architecture.md, "Where knowledge lives").  A name such as `satp`,
"riscv,cpu-intc" or `&mdl_gpio_class` in engine/ or ui/ means that some
instruction-set or device knowledge has leaked out of targets/ and hw/,
and that the next architecture or device would have to edit the engine
or the UI too.

What is scanned: identifiers and string literals of every .c and .h file
under engine/ and ui/; comments are skipped (prose may name whatever it
explains), and so are #include lines (check-includes.py judges those).

What counts as a name:
  * the words of NAMES below (instruction sets, cores, registers and
    devices), matched case-insensitively inside identifiers and strings,
    at the boundaries the entry says;
  * the C symbol of every CPU or device class defined in targets/ or hw/
    (`mdl_gpio_class`, `mdl_riscv_rv32imac_class`...), found in the tree;
  * a string literal equal to the compatible of such a class
    ("ns16550a", "medley,gpio"...), found in the tree as well.

A hit is allowed only when (file, token) is in ALLOWED, each entry with
the reason it is not a leak.  Anything else goes behind a class hook or a
class field (docs/architecture.md, "Where knowledge lives").

Usage: check-names.py SOURCE_ROOT
Prints FILE:LINE: token (rule) for every violation; exit status 1 if any.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import treelib  # noqa: E402

SCANNED = ("engine", "ui")

# (label, regular expression).  "Part" boundaries treat `_`, `-`, `,`,
# digits and case changes alike: `is_riscv` and "riscv,isa" both hold
# "riscv"; `psr` must stand alone (or as xPSR, CPSR, APSR) so that words
# that merely contain the letters do not count.
_ALONE_L = r"(?<![A-Za-z])"
_ALONE_R = r"(?![A-Za-z])"
NAMES = [
    # Instruction sets, widths and cores.
    ("RISC-V", r"(?i:risc-?v)"),
    ("RISC-V width", r"(?i:rv)(32|64|128)"),
    ("RISC-V extension", r"(?i:zicsr|zifencei)"),
    ("RISC-V paging mode", r"(?i:sv)(32|39|48|57)" + r"(?![0-9])"),
    ("Arm core", r"(?i:cortex)"),
    ("Arm architecture", r"(?i:armv)[0-9]"),
    ("Arm", _ALONE_L + r"(?i:arm)" + _ALONE_R),
    ("AArch64", r"(?i:aarch|arm64)"),
    ("Thumb", r"(?i:thumb)"),
    # Registers named by one architecture.
    ("RISC-V CSR", _ALONE_L + r"(?i:satp|mstatus|sstatus|mtvec|stvec|mepc|sepc|mcause|"
                              r"scause|mtval|mideleg|medeleg|mscratch|misa|mhartid)"
                 + _ALONE_R),
    ("Arm status register", _ALONE_L + r"(?i:[xac]?psr)" + _ALONE_R),
    # Devices of one family, and firmware of one architecture.
    ("CLINT", r"(?i:clint)"),
    ("PLIC", _ALONE_L + r"(?i:plic)" + _ALONE_R),
    ("NS16550", r"(?i:ns16550|16550a)"),
    ("SiFive", r"(?i:sifive)"),
    ("PL011", r"(?i:pl011)"),
    ("CMSDK", r"(?i:cmsdk)"),
    ("NVIC", r"(?i:nvic)"),
    ("MPS2", r"(?i:mps2)"),
    ("OpenSBI", r"(?i:opensbi|fw_dynamic|fw_jump)"),
]
NAME_RES = [(label, re.compile(rx)) for label, rx in NAMES]

# ---------------------------------------------------------------------------
# ALLOWED: names that are not leaks, each with its reason.  An entry is
# (file, token, on_line, reason): the token is the identifier, or the
# string literal with its quotes; on_line, when not None, is text that must
# be on the same line (for a token that is fine in one place of a file and
# a leak in another).
# ---------------------------------------------------------------------------
_ELF_NAMES = ("ELF machine numbers named only to tell the user, in an error, what "
              "architecture a file they gave is built for (any architecture, "
              "Medley's or not): facts of the ELF specification, not a CPU's knowledge")
ALLOWED = [
    # The device tree specification says a node with device_type =
    # "memory" is RAM: the board reader maps it to the RAM class through
    # its compatible, as a board file would.
    ("engine/board-doc-read.c", '"medley,ram"', None,
     "device_type = \"memory\" nodes are RAM by the device-tree convention"),
    ("engine/elf-loader.c", "EM_ARM", 'return "ARM"', _ELF_NAMES),
    ("engine/elf-loader.c", '"ARM"', None, _ELF_NAMES),
    ("engine/elf-loader.c", "EM_AARCH64", None, _ELF_NAMES),
    ("engine/elf-loader.c", '"AArch64"', None, _ELF_NAMES),
    ("engine/elf-loader.c", "EM_RISCV", 'return "RISC-V"', _ELF_NAMES),
    ("engine/elf-loader.c", '"RISC-V"', None, _ELF_NAMES),
]


def _matches(entry, rel, tok, line_text):
    return (entry[0] == rel and entry[1] == tok
            and (len(entry) < 3 or entry[2] is None or entry[2] in line_text))


CLASS_DEF = re.compile(r"\bconst\s+Mdl(?:Cpu|Device)Class\s+(mdl_[A-Za-z0-9_]+)\s*=")
COMPATIBLE = re.compile(r'\.compatible\s*=\s*("(?:[^"\\\n]|\\.)*")')


def class_names(src_root):
    """The C symbols and compatible strings of every class in targets/ and
    hw/ (the macros of hw/parts.h too: MDL_PART_* are compatibles)."""
    symbols, compatibles = set(), set()
    for rel in treelib.c_sources(src_root, ("targets", "hw")):
        code = treelib.strip_comments(treelib.read(src_root, rel))
        symbols.update(CLASS_DEF.findall(code))
        compatibles.update(COMPATIBLE.findall(code))
        for m in re.finditer(r'#\s*define\s+\w+\s+("[^"\n]*")', code):
            if "," in m.group(1):
                compatibles.add(m.group(1))
    return symbols, compatibles


def hits(src_root):
    """(file, line, token, rule) of every name in engine/ and ui/ code."""
    symbols, compatibles = class_names(src_root)
    found = []
    for rel in treelib.c_sources(src_root, SCANNED):
        code = treelib.strip_comments(treelib.read(src_root, rel))
        for offset, tok in treelib.tokens(code):
            rule = None
            if tok in symbols:
                rule = "class symbol defined in targets/ or hw/"
            elif tok in compatibles:
                rule = "compatible of a class in targets/ or hw/"
            else:
                rule = next((label for label, rx in NAME_RES if rx.search(tok)), None)
            if rule is not None:
                found.append((rel, treelib.line_of(code, offset), tok, rule))
    return found


def main():
    src_root = sys.argv[1]
    violations, used_allowed = [], set()
    lines = {}
    for rel, line, tok, rule in hits(src_root):
        if rel not in lines:
            lines[rel] = treelib.read(src_root, rel).split("\n")
        text = lines[rel][line - 1]
        allowed = next((i for i, e in enumerate(ALLOWED) if _matches(e, rel, tok, text)), None)
        if allowed is not None:
            used_allowed.add(allowed)
        else:
            violations.append(f"{rel}:{line}: {tok} ({rule})")
    for v in violations:
        print("FAIL:", v)
    stale_allowed = [e for i, e in enumerate(ALLOWED) if i not in used_allowed]
    for e in stale_allowed:
        print(f"FAIL: ALLOWED entry ({e[0]}, {e[1]}) matches nothing: delete it")
    print(f"names: {len(violations)} violation(s), {len(used_allowed)} allowed")
    sys.exit(1 if violations or stale_allowed else 0)


if __name__ == "__main__":
    main()
