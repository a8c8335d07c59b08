"""Proving a program opens no network connection: run it with every socket refused, and list what tried.

Witnesses, independent of each other:

* a Python program (main.py, and every Python process it starts) runs with a `sitecustomize`
  of ours first on its path: a Python audit hook that refuses every internet socket, host-name
  lookup and URL, and writes each attempt to a file — whatever reference to `socket` the code holds;
* the program's own guard (core/platform/nonet.py, on from main.py's start) logs each attempt it refused
  with the mark `NETWORK_REFUSED` in its log (core/platform/logs.py), which is where a frozen build's
  attempts show: no code of ours can be put into it from outside;
* `outside=True` (Linux): the kernel's view, for any program, frozen or not, and for its C libraries
  (Qt, libcups) too — it runs in a network namespace of its own, which has no network device but a
  loopback that is down, under `strace -f`, which records every socket call of it and of every
  process it starts; each socket of a family other than AF_UNIX (local, between its own processes)
  is an attempt. Whatever strace could not see would still reach nothing.

    .venv/bin/python -m tests.no_network [--outside] PROGRAM ARGS…   # e.g. dist/nianbao/nianbao-cli check report.docx

prints the attempts and exits 1 if there were any, else the program's own exit status.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.platform.nonet import NETWORK_REFUSED

ATTEMPTS_ENV = "NO_NETWORK_ATTEMPTS"

SITECUSTOMIZE = '''\
"""Written by tests/no_network.py: this Python process may open no network connection."""
import os, socket, sys, traceback

_FILE = os.environ["NO_NETWORK_ATTEMPTS"]
_NAMES = ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
          "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request",
          "http.client.connect", "ftplib.connect", "smtplib.connect")
_LOCAL = getattr(socket, "AF_UNIX", None)


def _refuse(event, args):
    if event == "socket.__new__":
        if len(args) > 1 and args[1] == _LOCAL:
            return
    elif event not in _NAMES or getattr(args[0] if args else None, "family", None) == _LOCAL:
        return
    with open(_FILE, "a", encoding="utf-8") as out:
        out.write(f"{event} {args!r} (process {os.getpid()})\\n{''.join(traceback.format_stack(limit=8)[:-1])}\\n")
    raise OSError(f"network refused by tests/no_network.py: {event}")


sys.addaudithook(_refuse)
'''


# A socket call as strace writes it: `1234 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3`.
_SOCKET_CALL = re.compile(r"^(?:\d+\s+)?socket\((?!AF_UNIX\b|AF_LOCAL\b)")


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    attempts: list[str]  # from our sitecustomize, the program's own NETWORK_REFUSED log lines, and strace's
    log: list[str]  # the program's own log: a frozen build that wrote none could not have shown an attempt


def outside_available() -> bool:
    """unshare and strace are there, and this machine lets them work (a container may refuse namespaces or ptrace)."""
    if sys.platform != "linux" or not (shutil.which("unshare") and shutil.which("strace")):
        return False
    with tempfile.TemporaryDirectory() as work:
        trial = subprocess.run([*_outside(Path(work, "trace")), "true"], capture_output=True, timeout=60)
    return trial.returncode == 0


def _outside(trace: Path) -> list[str]:
    """A network namespace of its own (root may make one; anyone else maps themselves to root in a user namespace)."""
    namespace = ["unshare", "--net"] + (["--map-root-user"] if os.geteuid() != 0 else [])  # Linux only: outside_available() said so
    return [*namespace, "strace", "-f", "-qq", "-e", "signal=none", "-e", "trace=%network", "-o", str(trace)]


def run(argv: list[str], timeout: float = 300, env: dict[str, str] | None = None, outside: bool = False) -> Result:
    with tempfile.TemporaryDirectory() as work:
        site, data = Path(work, "site"), Path(work, "data")
        site.mkdir()
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        attempts_file, trace = Path(work, "attempts.txt"), Path(work, "strace.txt")
        python_path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
        full_env = {**os.environ, "PYTHONPATH": python_path, ATTEMPTS_ENV: str(attempts_file),
                    "NIANBAO_DATA_DIR": str(data), **(env or {})}
        process = subprocess.run([*_outside(trace), *argv] if outside else argv, capture_output=True, timeout=timeout, env=full_env)
        attempts = attempts_file.read_text(encoding="utf-8").split("\n\n") if attempts_file.exists() else []
        log = [line for file in sorted(data.glob("logs/*.log*")) for line in file.read_text(encoding="utf-8").splitlines()]
        attempts += [line for line in log if NETWORK_REFUSED in line]
        if outside:
            attempts += [line for line in trace.read_text(encoding="utf-8").splitlines() if _SOCKET_CALL.match(line)]
        return Result(process.returncode, process.stdout.decode("utf-8", "replace"), process.stderr.decode("utf-8", "replace"),
                      [a for a in attempts if a.strip()], log)


def site_is_used() -> bool:
    """Our sitecustomize runs in the Python given (a site-packages one earlier on the path would hide it)."""
    probe = run([sys.executable, "-c", "import socket; socket.socket(socket.AF_INET).close()"])
    return bool(probe.attempts)


def outside_sees_a_socket() -> bool:
    """The outside witness works: a Python without our sitecustomize (-S) that makes an internet socket is caught."""
    probe = run([sys.executable, "-S", "-c", "import socket; socket.socket(socket.AF_INET).close()"], outside=True)
    return probe.code == 0 and any("socket(AF_INET," in attempt for attempt in probe.attempts)


if __name__ == "__main__":
    outside = sys.argv[1:2] == ["--outside"]
    result = run(sys.argv[1 + outside:], outside=outside)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    for attempt in result.attempts:
        print(f"网络连接尝试：{attempt}", file=sys.stderr)
    sys.exit(1 if result.attempts else result.code)
