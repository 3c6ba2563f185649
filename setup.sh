#!/bin/sh
# Medley's one-stop set-up, for a fresh Debian 12 machine (root, or a user
# with sudo).  Idempotent: installs only what is missing, rebuilds only what
# changed.
#
#   ./setup.sh          install, build, and open the default board in the
#                       workbench (run it headless when there is no display)
#   ./setup.sh test     install, build, and run every test (plus the
#                       sanitizer build of the engine, ISA and hostile-guest
#                       tests, the modular build's guest-running suites,
#                       and a short run of each fuzz target)
set -eu

cd "$(dirname "$0")"
mode=${1:-run}

# What building needs, and what only the tests need (real peers: QEMU).
build_pkgs="meson ninja-build pkg-config gcc libglib2.0-dev libfdt-dev \
device-tree-compiler libelf-dev libdw-dev libpixman-1-dev gcc-riscv64-unknown-elf \
picolibc-riscv64-unknown-elf gcc-arm-none-eabi picolibc-arm-none-eabi gcc-aarch64-linux-gnu python3 \
libgtk-4-dev libadwaita-1-dev libvte-2.91-gtk4-dev libgtksourceview-5-dev gettext desktop-file-utils \
shared-mime-info gtk-update-icon-cache"
# The GUI tests run the window on a private X server and session bus; the
# data tests validate the AppStream metainfo.  (gettext builds the
# translations; meson install refreshes the desktop, MIME and icon caches.)
test_pkgs="qemu-system-misc qemu-system-arm gdb-multiarch xvfb xauth dbus xdotool appstream"
# OpenSBI and U-Boot as Debian ships them: boards/riscv64-uboot.dts boots
# them (tests in suite 'boot', the benchmark in suite 'speed').
test_pkgs="$test_pkgs opensbi u-boot-qemu"
# The fuzz leg: clang with libFuzzer and the sanitizer runtimes.
test_pkgs="$test_pkgs clang llvm libclang-rt-14-dev"

missing=""
want="$build_pkgs"
[ "$mode" = test ] && want="$want $test_pkgs"
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Another apt or dpkg (unattended-upgrades on a fresh machine, a second
# set-up) holds the dpkg lock for a while: wait for it, saying so, rather
# than fail.  MEDLEY_APT_LOCK_WAIT seconds at most (default 900).
lock_wait=${MEDLEY_APT_LOCK_WAIT:-900}
package_manager_running() {
  for comm in /proc/[0-9]*/comm; do
    case $(cat "$comm" 2>/dev/null) in
      apt|apt-get|aptitude|dpkg|unattended-upgr) return 0 ;;
    esac
  done
  return 1
}
wait_for_package_manager() {
  waited=0
  while package_manager_running; do
    if [ $waited -eq 0 ]; then
      echo "setup: another apt or dpkg is running (it holds the dpkg lock);" \
           "waiting up to $lock_wait s for it to finish"
    fi
    if [ $waited -ge "$lock_wait" ]; then
      echo "setup: still locked after $lock_wait s; try again when it is done" \
           "(or set MEDLEY_APT_LOCK_WAIT)" >&2
      exit 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
}
if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  wait_for_package_manager
  # apt waits too, in case another one starts between the check and here.
  $sudo apt-get -o DPkg::Lock::Timeout="$lock_wait" update -qq
  wait_for_package_manager
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout="$lock_wait" \
    install -y -qq --no-install-recommends $missing
fi

build() {  # build DIR [meson options...]
  dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >/dev/null
  fi
  meson compile -C "$dir" >/dev/null || meson compile -C "$dir"
}

case "$mode" in
run)
  build build
  exec ./build/app/medley
  ;;
test)
  build build
  status=0
  meson test -C build --print-errorlogs --num-processes 2 || status=1
  # Second leg: the whole suite again under AddressSanitizer and UBSan,
  # but for Linux booting (suite 'linux'), which takes minutes there.
  # Leaks are checked everywhere but in the GUI tests, where GTK, fontconfig
  # and Mesa keep caches for the life of the process that LeakSanitizer
  # cannot tell from leaks; memory errors are still caught there.
  build build-asan -Db_sanitize=address,undefined -Db_lundef=false
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs --num-processes 2 \
      --no-suite ui --no-suite speed --no-suite linux || status=1
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs --num-processes 2 --logbase testlog-ui \
      --suite ui || status=1
  # Modular leg: the same sources as modules (-Dmodules=true), and the
  # suites that run guests through the binary, which now loads what each
  # board needs; plus the modules' own tests and the installed tree.  Not
  # the GUI, sanitizer or fuzz legs again.
  build build-modules -Dmodules=true
  meson test -C build-modules --no-rebuild --print-errorlogs --num-processes 2 \
    --suite engine --suite isa --suite boards --suite programs --suite modules \
    --suite install || status=1
  # Third leg: every libFuzzer target for a short smoke run (its seeds and
  # regression inputs, then random mutations), under ASan and UBSan.  Only
  # the fuzzers are built here; tests/fuzz/README.md has the longer run.
  if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
      -Db_lundef=false >/dev/null
  fi
  fuzzers=$(for f in tests/fuzz/fuzz-*.c; do
              n=$(basename "$f" .c); [ "$n" = fuzz-sandbox ] || echo "tests/fuzz/$n"; done)
  ninja -C build-fuzz $fuzzers >/dev/null || ninja -C build-fuzz $fuzzers
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-fuzz --no-rebuild --print-errorlogs --num-processes 2 \
      --suite fuzz || status=1
  exit $status
  ;;
*)
  echo "usage: ./setup.sh [run|test]" >&2
  exit 2
  ;;
esac
