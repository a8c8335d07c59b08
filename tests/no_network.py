"""Proving a program opens no network connection: run it with every socket refused, and list what tried.

Two witnesses, independent of each other:

* a Python program (main.py, and every Python process it starts) runs with a `sitecustomize`
  of ours first on its path: a Python audit hook that refuses every internet socket, host-name
  lookup and URL, and writes each attempt to a file — whatever reference to `socket` the code holds;
* the program's own guard (core/nonet.py, on from main.py's start) logs each attempt it refused
  with the mark `NETWORK_REFUSED` in its log (core/logs.py), which is where a frozen build's
  attempts show: no code of ours can be put into it from outside.

    .venv/bin/python -m tests.no_network PROGRAM ARGS…   # e.g. dist/nianbao/nianbao-cli check report.docx

prints the attempts and exits 1 if there were any, else the program's own exit status.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.nonet import NETWORK_REFUSED

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


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    attempts: list[str]  # from our sitecustomize, and the program's own NETWORK_REFUSED log lines


def run(argv: list[str], timeout: float = 300, env: dict[str, str] | None = None) -> Result:
    with tempfile.TemporaryDirectory() as work:
        site, data = Path(work, "site"), Path(work, "data")
        site.mkdir()
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        attempts_file = Path(work, "attempts.txt")
        python_path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
        full_env = {**os.environ, "PYTHONPATH": python_path, ATTEMPTS_ENV: str(attempts_file),
                    "NIANBAO_DATA_DIR": str(data), **(env or {})}
        process = subprocess.run(argv, capture_output=True, timeout=timeout, env=full_env)
        attempts = attempts_file.read_text(encoding="utf-8").split("\n\n") if attempts_file.exists() else []
        attempts += [line for log in sorted(data.glob("logs/*.log*")) for line in log.read_text(encoding="utf-8").splitlines()
                     if NETWORK_REFUSED in line]
        return Result(process.returncode, process.stdout.decode("utf-8", "replace"), process.stderr.decode("utf-8", "replace"),
                      [a for a in attempts if a.strip()])


def site_is_used() -> bool:
    """Our sitecustomize runs in the Python given (a site-packages one earlier on the path would hide it)."""
    probe = run([sys.executable, "-c", "import socket; socket.socket(socket.AF_INET).close()"])
    return bool(probe.attempts)


if __name__ == "__main__":
    result = run(sys.argv[1:])
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    for attempt in result.attempts:
        print(f"网络连接尝试：{attempt}", file=sys.stderr)
    sys.exit(1 if result.attempts else result.code)
