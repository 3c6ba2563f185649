#!/bin/sh
# qemu-reference.sh — the reference run of Debian's riscv64 kernel and the
# busybox initramfs (tools/fetch-debian-linux.sh) on QEMU's virt machine
# with Debian's OpenSBI fw_jump, as Medley's Linux benchmarks compare with;
# with --arch arm64, Debian's arm64 kernel booted directly on
# `qemu-system-aarch64 -M virt -cpu cortex-a53`.
#
# Boots to the busybox prompt, types uname -a, cat /proc/cpuinfo and an awk
# floating-point line, then poweroff -f.  The console goes to standard
# output (or --log FILE); the wall times go to standard error as
#   prompt_s=…  total_s=…  status=…
# (see console-session.py).  Exit status 0 when all of it was seen.
#
# Usage: tests/linux/qemu-reference.sh [--arch A] [--log FILE] [--smp N] [--icount]
#                                      [-- extra qemu options]
#   --arch A   riscv64 (default) or arm64
#   --icount   QEMU's -icount shift=0 (one instruction per ns, deterministic)
#   --smp N    N harts
# Environment: APPEND (the kernel command line; default
# "console=ttyS0 earlycon=sbi panic=-1", on arm64 "console=ttyAMA0
# panic=-1"), QEMU (default qemu-system-riscv64 or -aarch64), OPENSBI (default the
# fw_jump.bin of Debian's opensbi package), MEDLEY_DEBIAN_CACHE as for
# the fetch script.  Exit status 77 (skip) when QEMU, OpenSBI or the
# kernel is missing and cannot be fetched.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
arch=riscv64
opensbi=${OPENSBI:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin}
smp=1
icount=
log=

while [ $# -gt 0 ]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --smp) smp=$2; shift 2 ;;
    --icount) icount="-icount shift=0"; shift ;;
    --log) log=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "qemu-reference: unknown option '$1'" >&2; exit 2 ;;
  esac
done

case $arch in
  riscv64) qemu=${QEMU:-qemu-system-riscv64} ;;
  arm64) qemu=${QEMU:-qemu-system-aarch64} ;;
  *) echo "qemu-reference: unknown architecture '$arch'" >&2; exit 2 ;;
esac
command -v "$qemu" >/dev/null 2>&1 || { echo "qemu-reference: no $qemu" >&2; exit 77; }
if [ "$arch" = riscv64 ]; then
  [ -r "$opensbi" ] || { echo "qemu-reference: no OpenSBI at $opensbi (Debian package opensbi)" >&2; exit 77; }
fi
paths=$("$top/tools/fetch-debian-linux.sh" --arch "$arch") || { echo "qemu-reference: no kernel" >&2; exit 77; }
kernel=$(echo "$paths" | sed -n 's/^kernel=//p')
initrd=$(echo "$paths" | sed -n 's/^initrd=//p')

if [ "$arch" = arm64 ]; then
  # -nic none: the default NIC wants a ROM file Debian's QEMU may lack.
  # shellcheck disable=SC2086 # $icount is two words or none
  exec python3 "$here/console-session.py" ${log:+--log "$log"} \
    --send 'uname -a' --expect 'Linux .* aarch64' \
    --send 'cat /proc/cpuinfo' --expect 'CPU part\s*: 0xd03' \
    --send "awk 'BEGIN { printf \"%.6f\\n\", 1/3 }'" --expect '0\.333333' \
    --send 'echo one two three | tr " " "\n" | sort -r | head -n 1' --expect 'two' \
    -- "$qemu" -M virt -cpu cortex-a53 -m 512M -smp "$smp" -nographic -nic none $icount \
    -kernel "$kernel" -initrd "$initrd" \
    -append "${APPEND:-console=ttyAMA0 panic=-1}" -no-reboot "$@"
fi

# shellcheck disable=SC2086 # $icount is two words or none
exec python3 "$here/console-session.py" ${log:+--log "$log"} \
  --send 'uname -a' --expect 'Linux .* riscv64' \
  --send 'cat /proc/cpuinfo' --expect 'isa\s*: rv64imafdc' \
  --send "awk 'BEGIN { printf \"%.6f\\n\", 1/3 }'" --expect '0\.333333' \
  --send 'echo one two three | tr " " "\n" | sort -r | head -n 1' --expect 'two' \
  -- "$qemu" -M virt -m 512M -smp "$smp" -nographic $icount \
  -bios "$opensbi" -kernel "$kernel" -initrd "$initrd" \
  -append "${APPEND:-console=ttyS0 earlycon=sbi panic=-1}" -no-reboot "$@"
