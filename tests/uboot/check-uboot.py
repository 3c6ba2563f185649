#!/usr/bin/env python3
"""OpenSBI and U-Boot on boards/riscv64-uboot.dts.

usage: check-uboot.py commands MEDLEY BOARD
       check-uboot.py determinism UBOOT_CONSOLE BOARD
       check-uboot.py dynamic UBOOT_CONSOLE BOARD

commands: `MEDLEY run --json BOARD` with stdin piped, as a person would use
it: waits for U-Boot's prompt, types `version`, `bdinfo`, `fdt print /cpus`
and checks each answer against what the board says, then `reset` (the
machine must boot again to a new prompt) and `poweroff` (exit status 0,
the guest's success).

determinism: two runs of the uboot-console harness (input in virtual time
only) to the prompt, through `version` and `poweroff`: the consoles and
the virtual times of every prompt must be identical.

dynamic: the board with OpenSBI's fw_dynamic instead of fw_jump
(medley,opensbi-dynamic: the payload named in the information block whose
address the hart gets in a2) boots to the prompt and powers off.
"""
import json
import os
import subprocess
import sys
import threading
import time

PROMPT = b"=> "


class Console:
    """A child process whose stdout is collected by a thread."""

    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.out = bytearray()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            chunk = self.proc.stdout.read1(4096)
            if not chunk:
                break
            with self.lock:
                self.out += chunk

    def text(self):
        with self.lock:
            return bytes(self.out)

    def wait_for(self, what, start, timeout=240):
        """Waits until @what appears after offset @start; returns its end."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data = self.text()
            at = data.find(what, start)
            if at >= 0:
                return at + len(what)
            if self.proc.poll() is not None and not self.reader.is_alive():
                break
            time.sleep(0.05)
        sys.stdout.write(self.text().decode(errors="replace"))
        raise SystemExit(f"FAIL: no {what!r} after offset {start} "
                         f"(process {'ended' if self.proc.poll() is not None else 'still running'})")

    def type(self, line):
        self.proc.stdin.write(line.encode() + b"\r")
        self.proc.stdin.flush()

    def command(self, line, start):
        """Types @line at the prompt ending at @start; returns the answer
        (between the echoed line and the next prompt) and the new start."""
        self.type(line)
        echo = self.wait_for(line.encode(), start)
        end = self.wait_for(b"\n" + PROMPT, echo)
        return self.text()[echo:end - len(PROMPT)].decode(errors="replace"), end


def expect(answer, *needles):
    for n in needles:
        if n not in answer:
            print(answer)
            raise SystemExit(f"FAIL: {n!r} missing from the answer above")


def commands(medley, board):
    con = Console([medley, "run", "--json", "--max-time", "600s", board])
    at = con.wait_for(PROMPT, 0)
    print("prompt reached")

    answer, at = con.command("version", at)
    expect(answer, "U-Boot 2023", "riscv64-linux-gnu-gcc")
    print("version: ok")

    # The board's RAM, as the device tree Medley derived says it.
    answer, at = con.command("bdinfo", at)
    expect(answer, "-> start    = 0x0000000080000000", "-> size     = 0x0000000008000000",
           "fdt_blob")
    print("bdinfo: ok")

    answer, at = con.command("fdt print /cpus", at)
    expect(answer, "timebase-frequency = <0x00989680>", "cpu@0 {", 'device_type = "cpu"',
           'riscv,isa = "rv64imac', 'mmu-type = "riscv,sv39"', 'compatible = "riscv,cpu-intc"',
           'status = "okay"')
    print("fdt print /cpus: ok")

    # A reset starts the machine over: OpenSBI's banner, then a prompt.
    con.type("reset")
    banner = con.wait_for(b"OpenSBI v", at)
    at = con.wait_for(PROMPT, banner)
    print("reset: booted again")

    con.type("poweroff")
    try:
        con.proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        con.proc.kill()
        raise SystemExit("FAIL: poweroff did not end the run")
    con.reader.join()
    lines = con.text().decode(errors="replace").rstrip().splitlines()
    summary = json.loads(lines[-1])
    if con.proc.returncode != 0 or summary["stop_reason"] != "guest-exit":
        print("\n".join(lines[-10:]))
        raise SystemExit(f"FAIL: poweroff gave status {con.proc.returncode}, {summary}")
    print(f"poweroff: exit 0 at {summary['virtual_time_ps'] / 1e12:.3f} s of virtual time")


def dynamic(harness, board):
    """The same board with fw_dynamic, told the payload through a2."""
    with open(board) as f:
        text = f.read()
    text = text.replace("generic/fw_jump.elf", "generic/fw_dynamic.elf")
    text = text.replace("medley,device-tree;", "medley,device-tree;\n\t\tmedley,opensbi-dynamic;")
    path = os.path.join(os.environ.get("MESON_BUILD_ROOT", "/tmp"), "riscv64-uboot-dynamic.dts")
    with open(path, "w") as f:
        f.write(text)
    r = subprocess.run([harness, path, "version", "poweroff"], capture_output=True, timeout=600)
    out = r.stdout.decode(errors="replace")
    summary = json.loads(out.rstrip().rpartition("\n")[2])
    if r.returncode != 0 or not summary["ok"] or "Domain0 Next Address      : 0x0000000080200000" not in out:
        print(out[-3000:], r.stderr.decode(errors="replace"))
        raise SystemExit("FAIL: fw_dynamic did not boot U-Boot to its prompt")
    print(f"fw_dynamic: prompt at {summary['prompt_ps'][0] / 1e12:.6f} s virtual, powered off")


def determinism(harness, board):
    runs = []
    for i in range(2):
        r = subprocess.run([harness, board, "version", "poweroff"], capture_output=True,
                           timeout=600)
        out = r.stdout.decode(errors="replace")
        console, _, last = out.rstrip().rpartition("\n")
        summary = json.loads(last)
        if r.returncode != 0 or not summary["ok"]:
            print(out[-2000:], r.stderr.decode(errors="replace"))
            raise SystemExit(f"FAIL: run {i + 1} did not reach the prompt and power off")
        runs.append((console, summary))
        print(f"run {i + 1}: prompt at {summary['prompt_ps'][0] / 1e12:.6f} s virtual, "
              f"{summary['prompt_wall_s'][0]:.2f} s wall; {summary['instructions']} instructions")
    (c1, s1), (c2, s2) = runs
    if c1 != c2:
        raise SystemExit("FAIL: the two consoles differ")
    for key in ("prompt_ps", "virtual_time_ps", "instructions"):
        if s1[key] != s2[key]:
            raise SystemExit(f"FAIL: {key} differs: {s1[key]} vs {s2[key]}")
    print("deterministic: same console, same prompt times, same instruction count")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("commands", "determinism", "dynamic"):
        raise SystemExit(__doc__)
    {"commands": commands, "determinism": determinism,
     "dynamic": dynamic}[sys.argv[1]](sys.argv[2], sys.argv[3])
