#!/bin/sh
# Build every ISA test for RV32 and RV64 into $1 (default: a temporary
# folder) and run it on QEMU.  Meson does the same (meson.build); this
# script is for working on the tests without a full Medley build.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-${TMPDIR:-/tmp}/medley-riscv-isa}
mkdir -p "$out"
status=0
for xlen in 32 64; do
  if [ $xlen = 32 ]; then abi=ilp32; else abi=lp64; fi
  for name in ${TESTS:-alu alu-imm branch jump load-store misaligned mul-div atomic compressed csr counters traps interrupts vectored fence priv-smode priv-counters priv-pmp priv-paging fp-single fp-double fp-csr fp-compressed fp-priv}; do
    src=$here/$name.S
    elf=$out/rv$xlen-$name.elf
    case $name in fp-*) ext=imafdc ;; *) ext=imac ;; esac
    riscv64-unknown-elf-gcc -march=rv${xlen}${ext}_zicsr_zifencei -mabi=$abi \
      -mcmodel=medany -mno-relax -nostdlib -nostartfiles -static \
      -I"$here" -T "$here/link.ld" -o "$elf" "$here/start.S" "$src" || { status=1; continue; }
    timeout 10 qemu-system-riscv$xlen -M virt -bios none -nographic -kernel "$elf" </dev/null
    rc=$?
    if [ $rc = 0 ]; then echo "PASS rv$xlen/$name"; else echo "FAIL rv$xlen/$name (exit $rc)"; status=1; fi
  done
done
exit $status
