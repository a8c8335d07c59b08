"""The test suite collects where POSIX is not (the Windows workflow runs it on Windows).

Windows cannot be run here, so its absences are: the whole suite is collected in a Python from
which every POSIX-only call and module a test might touch at import time has been taken away
(os.geteuid, os.fork, signal.SIGKILL, fcntl, pwd…). A test module that calls one while it is
imported (as `os.geteuid()` in a skip condition once did) makes collection fail here, as it would there.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

TAKE_AWAY = """
import os, signal, sys
try:  # imported first (openpyxl imports it when it is there): on Linux its import asks os.uname, which on Windows it never does
    import numpy
except ImportError:
    pass
for name in ("geteuid", "getuid", "getegid", "getgid", "getpgid", "killpg", "fork", "forkpty", "setsid", "getppid",
             "uname", "getloadavg", "sched_getaffinity", "sync", "fchown", "chown", "lchown", "mkfifo", "getgroups"):
    if hasattr(os, name):
        delattr(os, name)
for name in ("SIGKILL", "SIGHUP", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGSTOP", "SIGCONT", "SIGQUIT", "SIGPIPE"):
    if hasattr(signal, name):
        delattr(signal, name)
for name in ("fcntl", "pwd", "grp", "termios", "pty", "resource", "tty", "posix_spawn", "crypt", "syslog"):
    sys.modules[name] = None  # `import name` raises ImportError, as on Windows
"""


def test_the_suite_collects_without_posix_only_calls(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(TAKE_AWAY, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "not linux_only", "tests"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600,
        env={**__import__("os").environ, "PYTHONPATH": str(tmp_path)},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "tests collected" in done.stdout and "error" not in done.stdout.splitlines()[-1], done.stdout[-500:]
