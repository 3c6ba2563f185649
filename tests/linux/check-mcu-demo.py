#!/usr/bin/env python3
"""boards/linux-mcu-demo.dts (RISC-V and a Cortex-M3) or
boards/a53-m4-demo.dts (arm64 and a Cortex-M4) headless (suite 'linux'):
Linux's mcu-demo script (in the initramfs of tools/fetch-debian-linux.sh)
hands numbers to the microcontroller through the shared SRAM and the
mailbox, and both consoles show the exchange; poweroff -f then ends the
run with status 0.

  check-mcu-demo.py MEDLEY SOURCE_ROOT BOARD [ARCH]   (ARCH: riscv64, arm64)

The board has two UARTs, so `medley run` prefixes each console's
complete lines with its name and holds a prompt back until its line
ends: the test waits for lines, not for prompts.  Skips (77) as
check-linux.py does.
"""

import os
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location(
    "check_linux", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-linux.py"))
check_linux = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_linux)

TIMEOUT = 900


def main():
    medley, root, board = sys.argv[1:4]
    arch = sys.argv[4] if len(sys.argv) > 4 else "riscv64"
    mcu = {"riscv64": ("cortex-m3", "Cortex-M3", "48"), "arm64": ("cortex-m4", "Cortex-M4", "200")}
    tag, name, mhz = mcu[arch]
    kernel, initrd = check_linux.fetch(root, arch)
    proc = subprocess.Popen([medley, "run", board, "--kernel", "app=" + kernel,
                             "--initrd", "app=" + initrd, "--append",
                             "app=" + check_linux.ARCHES[arch]["append"], "--max-time", "none"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = bytearray()

    def wait_for(text):
        deadline = time.monotonic() + TIMEOUT
        while text.encode() not in out:
            if time.monotonic() > deadline:
                proc.kill()
                check_linux.fail("no '%s' within %d s" % (text, TIMEOUT))
            r, _, _ = select.select([proc.stdout], [], [], 1.0)
            if r:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    sys.stdout.write(out.decode(errors="replace")[-3000:])
                    check_linux.fail("medley ended while waiting for '%s'" % text)
                out.extend(chunk)

    wait_for("[mcu_uart] %s: %s at %s MHz, waiting for work" % (tag, name, mhz))
    wait_for("[app_uart] medley-initramfs: Linux")
    # The shell reads what the console already holds once it starts.
    proc.stdin.write(b"mcu-demo 5 7 11 13\n")
    proc.stdin.flush()
    wait_for("the %s says 5 7 11 13 sum to 36" % name)
    wait_for("[mcu_uart] %s: item 1: summed 4 words at 0x20400000 -> 36" % tag)
    proc.stdin.write(b"poweroff -f\n")
    proc.stdin.flush()
    try:
        rest, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        check_linux.fail("poweroff -f did not end the run")
    out.extend(rest)
    sys.stdout.write(out.decode(errors="replace")[-3000:])
    if proc.returncode != 0:
        check_linux.fail("the run ended with status %d, not 0" % proc.returncode)
    print("PASS")


if __name__ == "__main__":
    main()
