"""Debian and Ubuntu roots made with debootstrap, kept between runs, and commands run inside them.

The Linux bundle is built in one (Debian 11, ship/buildroot.py) and installed and run in others
(ship/systems.py). A root is made once and kept outside the repository, under
`/var/cache/nianbao/roots/<name>-<hash of its recipe>`; a changed recipe makes a new one and the old
one is removed. Making and entering roots needs root (CI runs as root).

A command runs in a mount namespace of its own (`unshare --mount`), where /proc and /dev are
mounted for it: when it ends, the mounts end with it, whatever happened, and nothing is left
mounted under the cache. `network=False` adds a network namespace of its own: nothing inside
can reach anything (the program must not need to).
"""
from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

CACHE = Path(os.environ.get("NIANBAO_CACHE", "/var/cache/nianbao"))
READY = ".nianbao-ready"
DEBIAN = "http://deb.debian.org/debian"
DEBIAN_SECURITY = "http://deb.debian.org/debian-security"
UBUNTU = "http://archive.ubuntu.com/ubuntu"
UBUNTU_KEYRING = "ubuntu-archive-keyring.gpg"  # taken from Ubuntu's own ubuntu-keyring package (Debian 12 has none)
UBUNTU_KEYRING_DEB = ("pool/main/u/ubuntu-keyring/ubuntu-keyring_2021.03.26_all.deb", "0d0e7ed6b112f5d03eabf3c7eb01ebdacf9c57714b279e90495cfc58c8c4520f")
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass(frozen=True)
class System:
    """A release as debootstrap makes it, plus the packages a test or a build needs in it."""

    name: str  # "debian-11": the folder's name, and what docs/install.md calls it
    suite: str
    mirror: str = DEBIAN
    components: str = "main"
    sources: tuple[str, ...] = ()  # further lines of sources.list (updates, security)
    keyring: str | None = None
    packages: tuple[str, ...] = ()
    glibc: str = ""  # the release's glibc, as docs/install.md states it

    def sources_list(self) -> str:
        return "\n".join([f"deb {self.mirror} {self.suite} {self.components}", *self.sources]) + "\n"


@dataclass
class Root:
    system: System
    path: Path
    made_in_s: float = 0.0  # 0 when it was reused
    extra: dict = field(default_factory=dict)


def recipe_hash(system: System, *more: str) -> str:
    text = json.dumps(asdict(system), sort_keys=True) + "".join(more)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def available() -> str | None:
    """Why roots cannot be made here, or None."""
    if os.name != "posix" or os.geteuid() != 0:
        return "making a root needs root (CI runs as root)"
    for tool in ("debootstrap", "unshare", "chroot"):
        if shutil.which(tool) is None:
            return f"{tool} is missing (./dev setup installs debootstrap)"
    return None


def prepared(system: System, *more: str, setup: Callable[[Path], None] | None = None, log=print) -> Root:
    """The root for `system`, made now if its recipe (the system, `more`) has none ready; `setup` finishes it."""
    key = recipe_hash(system, *more)
    path = CACHE / "roots" / f"{system.name}-{key}"
    if (path / READY).exists():
        return Root(system, path)
    start = time.monotonic()
    for old in (CACHE / "roots").glob(f"{system.name}-*"):
        log(f"removing the outdated root {old}")
        _remove(old)
    path.parent.mkdir(parents=True, exist_ok=True)
    log(f"making {path} (debootstrap {system.suite})")
    args = ["debootstrap", "--variant=minbase", f"--components={system.components.replace(' ', ',')}"]
    if system.keyring == UBUNTU_KEYRING:
        args.append(f"--keyring={ubuntu_keyring()}")
    elif system.keyring:
        args.append(f"--keyring={system.keyring}")
    subprocess.run([*args, system.suite, str(path), system.mirror], check=True, stdout=subprocess.DEVNULL)
    (path / "etc" / "apt" / "sources.list").write_text(system.sources_list())
    (path / "etc" / "apt" / "apt.conf.d" / "90nianbao").write_text(
        'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAcquire::Retries "3";\n'
    )
    shutil.copy("/etc/resolv.conf", path / "etc" / "resolv.conf")
    apt(path, "update")
    apt(path, "dist-upgrade")
    if system.packages:
        apt(path, "install", *system.packages)
    if setup is not None:
        setup(path)
    run(path, ["apt-get", "clean"])
    (path / READY).write_text(key)
    return Root(system, path, made_in_s=time.monotonic() - start)


def ubuntu_keyring() -> Path:
    """Ubuntu's archive key, out of the ubuntu-keyring package fetched from Ubuntu's archive (checksum pinned)."""
    import hashlib
    import urllib.request

    folder = CACHE / "ubuntu-keyring"
    keyring = folder / "usr" / "share" / "keyrings" / UBUNTU_KEYRING
    if keyring.is_file():
        return keyring
    path, sha256 = UBUNTU_KEYRING_DEB
    with urllib.request.urlopen(f"{UBUNTU}/{path}", timeout=120) as answer:
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SystemExit(f"{path}: checksum differs from ship/chroot.py's")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keyring.deb").write_bytes(data)
    subprocess.run(["dpkg-deb", "-x", str(folder / "keyring.deb"), str(folder)], check=True)
    return keyring


def apt(root: Path, *args: str) -> None:
    """apt-get in the root; its chatter goes to the root's /var/log/nianbao-apt.log, its errors are raised with it."""
    done = run(root, ["sh", "-c", 'apt-get -y -o Dpkg::Use-Pty=0 "$@" >> /var/log/nianbao-apt.log 2>&1 || { tail -n 30 /var/log/nianbao-apt.log >&2; exit 1; }', "apt", *args],
               env={"DEBIAN_FRONTEND": "noninteractive"}, check=False)
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, ["apt-get", *args])


def command(root: Path, argv: list[str], *, env: dict[str, str] | None = None, cwd: str = "/", network: bool = True) -> list[str]:
    """The host command that runs `argv` inside `root` (in namespaces of its own; see the module's doc)."""
    variables = {"PATH": PATH, "HOME": "/root", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}
    inner = " ".join(shlex.quote(a) for a in ["env", "-i", *[f"{k}={v}" for k, v in variables.items()], *argv])
    r = shlex.quote(str(root))
    script = (
        f"mount -t proc proc {r}/proc && mount --rbind /dev {r}/dev && mount -t tmpfs tmpfs {r}/dev/shm "
        f"&& exec chroot {r} sh -c {shlex.quote(f'cd {shlex.quote(cwd)} && exec {inner}')}"
    )
    return ["unshare", "--mount", "--propagation", "private", *([] if network else ["--net"]), "sh", "-c", script]


def run(root: Path, argv: list[str], *, check: bool = True, capture: bool = False, timeout: float | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(root, argv, **kw), check=check, timeout=timeout,
        capture_output=capture, text=capture, encoding="utf-8" if capture else None, errors="replace" if capture else None,
    )


def copy(root: Root | Path, to: Path) -> Path:
    """A throw-away copy of a prepared root (a clean system for one test)."""
    source = root.path if isinstance(root, Root) else root
    _remove(to)
    to.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", "--reflink=auto", str(source), str(to)], check=True)
    (to / READY).unlink(missing_ok=True)
    return to


def _remove(path: Path) -> None:
    if path.exists():
        subprocess.run(["rm", "-rf", "--one-file-system", str(path)], check=True)
