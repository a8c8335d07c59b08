"""No network, ever: the program opens no connection, and this guard makes sure of it.

`forbid_network()` (main.py calls it at start, for the command line and the window) installs
a Python audit hook: from then on every attempt of the process to make an internet socket,
look up a host name, or open a URL raises `NetworkRefused` and is logged with where it came
from (a line starting with `NETWORK_REFUSED`), whichever module reference the caller holds.
Local sockets (AF_UNIX), which some libraries use to talk between their own processes, are no
network and stay allowed. Audit hooks cannot be removed: `refused()` lets a test turn the
refusal on and off and see every attempt, even one a library would have swallowed.
"""
from __future__ import annotations

import logging
import socket
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

NETWORK_REFUSED = "NETWORK_REFUSED"  # marks each attempt in the log (the packaging check searches for it)

# Audit events of opening a connection or asking for a name (https://docs.python.org/3/library/audit_events.html).
_EVENTS = frozenset({
    "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo",
    "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect", "poplib.connect",
    "imaplib.open", "nntplib.connect", "telnetlib.Telnet.open",
})
_LOCAL = {getattr(socket, "AF_UNIX", None)} - {None}


class NetworkRefused(OSError):
    """The program tried to use the network, which it never does."""


_installed = False
_refusing = False
attempts: list[str] = []  # every attempt seen while refusing: event, arguments and where it came from


def forbid_network() -> None:
    """From now on this process opens no network connection."""
    global _installed, _refusing
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
    _refusing = True


def forbidden() -> bool:
    return _refusing


@contextmanager
def refused() -> Iterator[list[str]]:
    """Refuse the network inside the block; yields the list of attempts made in it."""
    global _refusing
    before, start = _refusing, len(attempts)
    forbid_network()
    found: list[str] = []
    try:
        yield found
    finally:
        _refusing = before
        found.extend(attempts[start:])


def _audit(event: str, args: tuple) -> None:
    if not _refusing:
        return
    if event == "socket.__new__":
        if len(args) > 1 and args[1] in _LOCAL:
            return
    elif event not in _EVENTS:
        return
    elif event.startswith("socket.") and getattr(args[0] if args else None, "family", None) in _LOCAL:
        return  # a local socket's bind, connect or send
    where = "".join(traceback.format_stack(limit=12)[:-1])
    attempt = f"{event} {args!r}"
    attempts.append(attempt)
    logging.getLogger(__name__).error("%s %s\n%s", NETWORK_REFUSED, attempt, where)
    raise NetworkRefused(f"本程序不使用网络（{event}）")
