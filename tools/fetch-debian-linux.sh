#!/bin/sh
# fetch-debian-linux.sh — Debian's Linux kernel and a busybox initramfs
# for Medley's Linux boards, tests and benchmarks: Debian 13 (trixie)
# riscv64 by default, Debian 12 (bookworm) arm64 with --arch arm64.
#
# What it does:
#   1. Makes a private apt state under the cache folder (lists, cache,
#      sources list, an empty dpkg status) whose only source is trixie on
#      the mirror the system's own apt sources name (/etc/apt/sources.list
#      and /etc/apt/sources.list.d/*.list|*.sources), and runs
#      `apt-get update` against it for the one architecture asked for.
#      Nothing of the system changes: no dpkg --add-architecture, no file
#      under /etc is written, the system's package lists stay as they are.
#   2. Resolves the meta package linux-image-ARCH to the versioned
#      kernel package it depends on (linux-image-6.x…-ARCH) and
#      downloads that one and busybox-static with `apt-get download`.
#   3. Unpacks them with `dpkg-deb -x`, checks that the kernel carries
#      its Image magic at offset 0x38 (riscv64: boot/vmlinux-*, a flat
#      Image, "RSC\x05"; arm64: boot/vmlinuz-*, the Image, "ARM\x64",
#      uncompressed first if it is gzip-compressed), and copies it to
#      $cache/Image.
#   4. Builds $cache/initramfs.cpio.gz: busybox, /bin/sh, /dev/console,
#      /bin/mcu-demo (boards/linux-mcu-demo.dts's and boards/a53-m4-demo.dts's
#      exchange) and an /init that installs busybox's applet links, mounts /proc, /sys
#      and devtmpfs, prints a banner line and starts a shell on the
#      console.  The archive (newc cpio, gzip) is written with Python's
#      standard library, so the console device node needs no root and the
#      same inputs give the same bytes.
#
# Everything is reused when present: a second run only prints the paths.
# On success the last two lines of standard output are
#   kernel=<cache>/Image
#   initrd=<cache>/initramfs.cpio.gz
#
# Usage: tools/fetch-debian-linux.sh [--arch A] [--cache DIR] [--refresh] [--print]
#   --arch A      riscv64 (default) or arm64
#   --cache DIR   cache folder (default: $MEDLEY_DEBIAN_CACHE, else
#                 ${XDG_CACHE_HOME:-$HOME/.cache}/medley/debian-ARCH)
#   --refresh     forget the downloaded lists and packages and start over
#   --print       only print the paths if everything is there; exit 1 if not
# Environment: MEDLEY_DEBIAN_MIRROR overrides the mirror taken from the
# system's sources (e.g. http://deb.debian.org/debian),
# MEDLEY_DEBIAN_SUITE the suite (default trixie for riscv64, bookworm for
# arm64).
#
# Needs: apt-get, apt-cache, dpkg-deb, python3 (all on any Debian system).

set -eu

arch=riscv64
cache=
refresh=0
print_only=0

die ()
{
  echo "fetch-debian-linux: error: $*" >&2
  exit 1
}

note ()
{
  echo "fetch-debian-linux: $*" >&2
}

while [ $# -gt 0 ]; do
  case $1 in
    --arch) [ $# -ge 2 ] || die "--arch needs riscv64 or arm64"; arch=$2; shift 2 ;;
    --arch=*) arch=${1#--arch=}; shift ;;
    --cache) [ $# -ge 2 ] || die "--cache needs a folder"; cache=$2; shift 2 ;;
    --cache=*) cache=${1#--cache=}; shift ;;
    --refresh) refresh=1; shift ;;
    --print) print_only=1; shift ;;
    -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done

case $arch in
  riscv64) suite=${MEDLEY_DEBIAN_SUITE:-trixie}; magic_want='RSC005'; magic_text='RSC\x05' ;;
  arm64) suite=${MEDLEY_DEBIAN_SUITE:-bookworm}; magic_want='ARMd'; magic_text='ARM\x64' ;;
  *) die "unknown architecture '$arch' (riscv64 or arm64)" ;;
esac
[ -n "$cache" ] || cache=${MEDLEY_DEBIAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/medley/debian-$arch}

image=$cache/Image
initrd=$cache/initramfs.cpio.gz

finish ()
{
  echo "kernel=$image"
  echo "initrd=$initrd"
  exit 0
}

# What the initramfs holds, as a number: a cache built by an older
# script is rebuilt from the packages it already has.  (mcu-demo naming
# the microcontroller by the machine left it at 2: a riscv64 cache's
# script says Cortex-M3 either way, and checkouts sharing the cache must
# not rebuild it under each other's running tests.)
layout=2
if [ "$refresh" = 0 ] && [ -s "$image" ] && [ -s "$initrd" ] &&
   [ "$(cat "$cache/initramfs.layout" 2>/dev/null)" = "$layout" ]; then
  finish
fi
[ "$print_only" = 1 ] && die "no kernel and initramfs in $cache yet (run $0 without --print)"

for tool in apt-get apt-cache dpkg-deb python3; do
  command -v "$tool" >/dev/null 2>&1 \
    || die "'$tool' not found (this script needs a Debian-like system with apt and python3)"
done

# The mirror: the first Debian archive URI of the system's enabled apt
# sources (one-line .list and deb822 .sources files), the security
# archive and non-Debian repositories skipped.
find_mirror ()
{
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
           /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    case $f in
      *.sources)
        sed -n 's/^[[:space:]]*URIs:[[:space:]]*//p' "$f" | tr ' ' '\n' ;;
      *)
        # deb [options] URI suite components
        sed -n 's/^[[:space:]]*deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]*\)\{0,1\}\([^[:space:]]*\).*/\2/p' "$f" ;;
    esac
  done | while read -r uri; do
    uri=${uri%/}
    case $uri in
      *security*|'') continue ;;
      */debian|*/debian-ports) echo "$uri"; break ;;
    esac
  done
}

mirror=${MEDLEY_DEBIAN_MIRROR:-$(find_mirror)}
[ -n "$mirror" ] || die "no Debian mirror in /etc/apt/sources.list{,.d/} (set MEDLEY_DEBIAN_MIRROR, e.g. to the URL of a Debian archive)"

state=$cache/apt
debs=$cache/debs
root=$cache/root
if [ "$refresh" = 1 ]; then
  rm -rf "$state" "$debs" "$root" "$image" "$initrd"
fi
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" \
         "$state/sources.list.d" "$state/preferences.d" "$debs" \
  || die "cannot create the cache folder $cache"
: >"$state/status"

keyring=
for k in /usr/share/keyrings/debian-archive-keyring.gpg \
         /usr/share/keyrings/debian-archive-keyring.pgp; do
  [ -r "$k" ] && keyring=$k && break
done
if [ -n "$keyring" ]; then
  echo "deb [arch=$arch signed-by=$keyring] $mirror $suite main" >"$state/sources.list"
else
  echo "deb [arch=$arch] $mirror $suite main" >"$state/sources.list"
fi

# Everything apt reads or writes is under $state, except the trusted keys
# and the apt configuration it would read anyway (both only read).
set -- \
  -o Dir::State="$state" \
  -o Dir::State::Lists="$state/lists" \
  -o Dir::State::status="$state/status" \
  -o Dir::Cache="$state/cache" \
  -o Dir::Etc::SourceList="$state/sources.list" \
  -o Dir::Etc::SourceParts="$state/sources.list.d" \
  -o Dir::Etc::Preferences="$state/preferences" \
  -o Dir::Etc::PreferencesParts="$state/preferences.d" \
  -o APT::Architectures::="$arch" \
  -o APT::Architecture="$arch" \
  -o APT::Sandbox::User="$(id -un)" \
  -o Debug::NoLocking=1 \
  -o Acquire::Languages=none \
  -o Acquire::Retries=3

if ! ls "$state"/lists/*_Packages* >/dev/null 2>&1; then
  note "updating the private package lists ($mirror $suite, $arch)"
  if ! apt-get "$@" -q update >"$state/update.log" 2>&1; then
    sed 's/^/  /' "$state/update.log" >&2
    die "apt-get update of $mirror $suite failed (network down or mirror unreachable?)"
  fi
  if grep -q '^\(W\|E\):' "$state/update.log"; then
    sed -n 's/^\(W\|E\):/  &/p' "$state/update.log" >&2
  fi
  ls "$state"/lists/*_Packages* >/dev/null 2>&1 \
    || die "apt-get update got no package list from $mirror $suite (network down?)"
fi

# linux-image-ARCH depends on exactly one versioned kernel package.
kpkg=$(apt-cache "$@" depends "linux-image-$arch" 2>/dev/null \
         | sed -n "s/^[[:space:]]*Depends:[[:space:]]*\(linux-image-[0-9][^[:space:]:]*-$arch\).*/\1/p" \
         | head -n 1)
[ -n "$kpkg" ] || die "linux-image-$arch not found in $suite (or it depends on no linux-image-*-$arch)"
note "kernel package: $kpkg"

# $1 a package, the rest the apt options; leaves its .deb in $debs.
fetch_pkg ()
{
  p=$1
  shift
  if ls "$debs/$p"_*_"$arch".deb >/dev/null 2>&1; then
    return 0
  fi
  note "downloading $p"
  ( cd "$debs" && apt-get "$@" -q download "$p" ) >"$state/download.log" 2>&1 || {
    sed 's/^/  /' "$state/download.log" >&2
    die "apt-get download $p failed (network down, or the package lists are stale: try --refresh)"
  }
  ls "$debs/$p"_*_"$arch".deb >/dev/null 2>&1 \
    || die "apt-get download $p left no $debs/${p}_*_$arch.deb"
}
fetch_pkg "$kpkg" "$@"
fetch_pkg busybox-static "$@"

# Unpack (again, if the packages changed since the last run).
kdeb=$(ls "$debs/$kpkg"_*_"$arch".deb | head -n 1)
bdeb=$(ls "$debs"/busybox-static_*_"$arch".deb | head -n 1)
rm -rf "$root"
mkdir -p "$root/kernel" "$root/busybox"
dpkg-deb -x "$kdeb" "$root/kernel" || die "cannot unpack $kdeb"
dpkg-deb -x "$bdeb" "$root/busybox" || die "cannot unpack $bdeb"

if [ "$arch" = arm64 ]; then
  # Debian 12's arm64 vmlinuz is the Image itself (with its EFI stub);
  # a gzip-compressed one (as some releases ship) is uncompressed.
  vmlinux=$(ls "$root"/kernel/boot/vmlinuz-* 2>/dev/null | head -n 1)
  [ -n "$vmlinux" ] || die "$kdeb holds no boot/vmlinuz-*"
  if [ "$(od -An -tx1 -N2 "$vmlinux" | tr -d ' ')" = 1f8b ]; then
    gzip -dc <"$vmlinux" >"$vmlinux.Image" || die "cannot uncompress $vmlinux"
    vmlinux=$vmlinux.Image
  fi
else
  vmlinux=$(ls "$root"/kernel/boot/vmlinux-* 2>/dev/null | head -n 1)
  [ -n "$vmlinux" ] || die "$kdeb holds no boot/vmlinux-*"
fi
magic=$(dd if="$vmlinux" bs=1 skip=56 count=4 2>/dev/null | od -An -c | tr -d ' ')
[ "$magic" = "$magic_want" ] \
  || die "$vmlinux is not an $arch Image (no \"$magic_text\" at offset 0x38)"

busybox=
for b in "$root"/busybox/bin/busybox "$root"/busybox/usr/bin/busybox; do
  [ -f "$b" ] && busybox=$b && break
done
[ -n "$busybox" ] || die "$bdeb holds no bin/busybox"

# The /init the kernel runs: busybox's applets as links, the pseudo file
# systems, a banner a test can wait for, then a shell on the console that
# comes back if it exits (init must never end).
cat >"$root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp /root /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
export PATH=/sbin:/usr/sbin:/bin:/usr/bin HOME=/root PS1='\w # '
cd /root
echo "medley-initramfs: Linux $(uname -r) $(uname -m), busybox shell on the console"
while :; do
  setsid cttyhack sh 2>/dev/null || sh
done
EOF

# boards/linux-mcu-demo.dts and boards/a53-m4-demo.dts from the shell:
# the numbers go into the SRAM shared with the Cortex-M3 (beside RISC-V)
# or the Cortex-M4 (beside arm64), the mailbox tells it how many, and its
# answer (their sum) comes back through the mailbox (side A: TX at +0, RX
# at +4, STATUS at +8, bit 0 an answer waiting).  Both boards put them at
# the same addresses.
cat >"$root/mcu-demo" <<'EOF'
#!/bin/sh
# mcu-demo [N...]: the microcontroller beside Linux sums the numbers (1 2 3 4).
case $(uname -m) in aarch64) mcu=Cortex-M4 ;; *) mcu=Cortex-M3 ;; esac
mcu=${MCU_NAME:-$mcu}
sram=${MCU_SRAM:-0x10020000}
mbox=${MCU_MAILBOX:-0x10010000}
item=${MCU_ITEM:-1}
[ $# -gt 0 ] || set -- 1 2 3 4
i=0
for n in "$@"; do
  devmem $((sram + 4 * i)) 32 "$n"
  i=$((i + 1))
done
echo "mcu-demo: $i words at $sram, ringing the mailbox at $mbox"
devmem "$mbox" 32 $(((item << 16) | i))
while [ $(($(devmem $((mbox + 8)) 32) & 1)) -eq 0 ]; do :; done
echo "mcu-demo: the $mcu says $* sum to $(($(devmem $((mbox + 4)) 32)))"
EOF

tmp=$initrd.tmp
python3 - "$busybox" "$root/init" "$tmp" "$root/mcu-demo" <<'EOF' || die "cannot write $initrd"
import gzip, os, sys

busybox, init, out, demo = sys.argv[1:5]
ino = [720000]

def entry(name, mode, data=b"", rdev=(0, 0)):
    ino[0] += 1
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0,
              rdev[0], rdev[1], len(name) + 1, 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields)
    rec = head + name.encode() + b"\0"
    rec += b"\0" * (-len(rec) % 4) + data
    return rec + b"\0" * (-len(rec) % 4)

def read(path):
    with open(path, "rb") as f:
        return f.read()

arc = b""
for d in ["bin", "dev", "proc", "sys", "tmp", "root", "sbin", "usr",
          "usr/bin", "usr/sbin"]:
    arc += entry(d, 0o040755)
arc += entry("bin/busybox", 0o100755, read(busybox))
arc += entry("bin/sh", 0o120777, b"busybox")
arc += entry("dev/console", 0o020600, rdev=(5, 1))
arc += entry("init", 0o100755, read(init))
arc += entry("bin/mcu-demo", 0o100755, read(demo))
arc += entry("TRAILER!!!", 0)
arc += b"\0" * (-len(arc) % 512)
with open(out, "wb") as f:
    with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
        g.write(arc)
EOF
mv "$tmp" "$initrd"
echo "$layout" >"$cache/initramfs.layout"
cp "$vmlinux" "$image.tmp" && mv "$image.tmp" "$image"
note "$(basename "$vmlinux"), busybox $(basename "$bdeb" .deb | cut -d_ -f2 | sed "s/%3a/:/")"
finish
