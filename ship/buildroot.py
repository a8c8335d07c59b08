"""The root the Linux bundle is built in: Debian 11 (bullseye, glibc 2.31), with CPython 3.11 compiled
in it from Debian's own python3.11 source package, and the program's pinned libraries.

Whatever the bundle carries was built against bullseye's glibc or older (the PySide6 pin's wheels
are manylinux_2_28), so the bundle runs on glibc 2.31 systems (麒麟V10 SP1, Ubuntu 20.04, Debian 11)
and everything newer; tests/test_elf_audit.py proves it file by file.

Made once and kept (ship/chroot.py): the root itself is keyed by this recipe (the release, its
packages, the Python source and how it is built); inside it, a Python environment per set of pins
(requirements.txt, requirements-nodeps.txt, the PyInstaller pin), and a copy of the program per worktree.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from ship import chroot

ROOT = Path(__file__).resolve().parents[1]

BUILD_PACKAGES = (
    # compiling CPython (the modules the program uses: ssl/hashlib, ctypes, sqlite3 for nothing but
    # completeness, zlib, bz2, lzma, uuid) and Qt's ICU stub (ship/icu.py)
    "build-essential", "libssl-dev", "libffi-dev", "zlib1g-dev", "libbz2-dev", "liblzma-dev", "libsqlite3-dev",
    "uuid-dev", "libexpat1-dev", "pkg-config", "dpkg-dev", "ca-certificates",
    # the system libraries the bundle links but does not carry: PyInstaller must see them to leave them out,
    # and dpkg-shlibdeps reads their symbols files to compute Depends: (ship/deb.py)
    "libglib2.0-0", "libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libdbus-1-3", "libx11-6", "libx11-xcb1",
    "libxkbcommon0", "libxkbcommon-x11-0", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0", "libxcb-render-util0", "libxcb-shape0", "libxcb-shm0",
    "libxcb-sync1", "libxcb-xfixes0", "libxcb-xkb1", "libxcb-util1", "libxcb-xinput0", "libcups2",
)
# What the oldest supported systems ship (Debian 11, Ubuntu 20.04, 麒麟V10 SP1: glibc 2.31, GCC 10's
# libstdc++): no file of the bundle may need a newer symbol version (tests/test_elf_audit.py).
FLOOR = {"GLIBC_": (2, 31), "GLIBCXX_": (3, 4, 28), "CXXABI_": (1, 3, 12)}
BUILD_SYSTEM = chroot.System(
    "bullseye-build",
    "bullseye",
    sources=(f"deb {chroot.DEBIAN} bullseye-updates main", f"deb {chroot.DEBIAN_SECURITY} bullseye-security main"),
    packages=BUILD_PACKAGES,
    glibc="2.31",
)

# Debian's python3.11 source package (bookworm's: bullseye has 3.9). Its .dsc names the tarballs.
PYTHON_POOL = f"{chroot.DEBIAN}/pool/main/p/python3.11"
PYTHON_DSC = "python3.11_3.11.2-6+deb12u8.dsc"
PYTHON_FILES = {
    PYTHON_DSC: "197fa19ab45f41c820f40f6d9ead671c2ea29ddc53ba9424b36f1bf58458a10e",
    "python3.11_3.11.2.orig.tar.gz": "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849",
    "python3.11_3.11.2-6+deb12u8.debian.tar.xz": "ece2d63c70ac0b7a401fbe6b51b0103be997c294a01a3865549be1862794ba97",
}
PYTHON_PREFIX = "/opt/python3.11"
# configure and make, not dpkg-buildpackage: Debian's build runs the whole test suite three times over
# (static, shared, debug) — hours on two cores. Debian's patches are applied (dpkg-source -x); its
# backported expat fixes use CPython's internal headers, which Debian's own build (pyexpat built in)
# allows and a plain one must be told to (LIBEXPAT_CFLAGS: the flags pyexpat and _elementtree get).
PYTHON_BUILD = (
    "LIBEXPAT_CFLAGS=-DPy_BUILD_CORE_MODULE ./configure --prefix={prefix} --enable-shared --with-system-expat --with-ensurepip=no --disable-test-modules"
    " LDFLAGS=-Wl,-rpath,{prefix}/lib > /tmp/configure.log"
    " && make -j{jobs} > /tmp/make.log 2>&1 && make install > /tmp/install.log 2>&1"
    " && {prefix}/bin/python3.11 -c 'import {modules}'"
)
# The standard modules the program and its libraries need, all of which Debian's source builds only
# when their -dev package is there: a missing one fails the recipe, not the bundle later.
PYTHON_MODULES = "pyexpat, _elementtree, _ssl, _hashlib, _ctypes, zlib, bz2, lzma, _sqlite3, _decimal, _uuid, _multiprocessing"
SOURCE_PARTS = (
    "main.py", "build.spec", "requirements.txt", "requirements-dev.txt", "requirements-nodeps.txt", "core", "gui", "ship", "resources",
)
# numpy is built in the root from its source, without BLAS: its wheel carries OpenBLAS (28 MB with its Fortran
# runtime), which the program never calls (the recogniser's arithmetic is onnxruntime's; numpy only moves pixels
# about). numpy then uses its own loops for the little linear algebra it does.
FROM_SOURCE = ("numpy",)
SOURCE_BUILD_SETTINGS = ("setup-args=-Dblas=none", "setup-args=-Dlapack=none", "setup-args=-Dallow-noblas=true")


def _requirements() -> str:
    return "".join((ROOT / name).read_text() for name in ("requirements.txt", "requirements-nodeps.txt"))


def _wanted() -> str:
    """What the root's Python environment is made of: the pins, and how numpy is built."""
    return hashlib.sha256((_requirements() + "\n".join(pins()) + repr((FROM_SOURCE, SOURCE_BUILD_SETTINGS))).encode()).hexdigest()


def venv() -> str:
    """The environment for these pins, inside the root: one per set of pins, so worktrees on different pins
    (several engineers build in the one root) do not make each other's again."""
    return f"/opt/nianbao-venv-{_wanted()[:12]}"


def source() -> str:
    """Where this worktree's files are copied inside the root (its own: two worktrees may build at once)."""
    return f"/src/{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}"


def recipe() -> str:
    return PYTHON_DSC + PYTHON_BUILD + PYTHON_PREFIX + PYTHON_MODULES


def prepared(log=print) -> chroot.Root:
    """The build root with Python compiled in it and the pinned environment installed."""
    root = chroot.prepared(BUILD_SYSTEM, recipe(), setup=lambda path: _compile_python(path, log), log=log)
    _environment(root.path, log)
    return root


def _download(url: str, target: Path, sha256: str) -> Path:
    if not target.exists() or _sha256(target) != sha256:
        target.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(url, timeout=120) as answer, open(target.with_suffix(".part"), "wb") as out:
            shutil.copyfileobj(answer, out)
        target.with_suffix(".part").replace(target)
    if _sha256(target) != sha256:
        raise SystemExit(f"{target.name}: checksum differs from the one expected (ship/buildroot.py)")
    return target


def python_source(folder: Path, log=print) -> Path:
    """The .dsc of Debian's python3.11 (its tarballs beside it): the recipe's pinned one, or, once Debian's
    pool has replaced it by a newer update, the one bookworm's (or bookworm-security's) index names now."""
    try:
        for name, sha256 in PYTHON_FILES.items():
            _download(f"{PYTHON_POOL}/{name}", folder / name, sha256)
        return folder / PYTHON_DSC
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
    for archive, suite in ((chroot.DEBIAN, "bookworm"), (chroot.DEBIAN_SECURITY, "bookworm-security")):
        entry = _sources_entry(f"{archive}/dists/{suite}/main/source/Sources.xz", "python3.11")
        if entry is not None:
            log(f"{PYTHON_DSC} is no longer in Debian's pool: using {entry['files'][0][0]} ({suite}); update PYTHON_FILES")
            for name, sha256 in entry["files"]:
                _download(f"{archive}/{entry['directory']}/{name}", folder / name, sha256)
            return folder / next(name for name, _ in entry["files"] if name.endswith(".dsc"))
    raise SystemExit("Debian's python3.11 source package was not found (ship/buildroot.py)")


def _sources_entry(url: str, package: str) -> dict | None:
    """A source package's directory and files (name, sha256) from a Sources index."""
    import lzma

    with urllib.request.urlopen(url, timeout=120) as answer:
        text = lzma.decompress(answer.read()).decode("utf-8", "replace")
    for paragraph in text.split("\n\n"):
        if paragraph.startswith(f"Package: {package}\n"):
            fields = dict(re.findall(r"^([\w-]+):[ ]?(.*)$", paragraph, re.M))
            checksums = paragraph.split("Checksums-Sha256:\n", 1)[1].split("\n")
            files = [(line.split()[2], line.split()[0]) for line in checksums if line.startswith(" ") and len(line.split()) == 3]
            return {"directory": fields["Directory"], "files": sorted(files, key=lambda f: not f[0].endswith(".dsc"))}
    return None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _compile_python(path: Path, log) -> None:
    dsc = python_source(chroot.CACHE / "sources", log)
    tree = path / "usr" / "src" / "python3.11"
    shutil.rmtree(tree, ignore_errors=True)
    subprocess.run(["dpkg-source", "--no-check", "-x", str(dsc), str(tree)], check=True, stdout=subprocess.DEVNULL)
    log(f"compiling CPython 3.11 in {path} (a few minutes)")
    jobs = max(1, len(os.sched_getaffinity(0)))
    chroot.run(path, ["sh", "-c", PYTHON_BUILD.format(prefix=PYTHON_PREFIX, jobs=jobs, modules=PYTHON_MODULES)], cwd="/usr/src/python3.11")
    shutil.rmtree(tree)


def pins() -> list[str]:
    """What the bundle is built from: the program's pins and PyInstaller's (requirements-dev.txt)."""
    build_pins = [line.split("#")[0].strip() for line in (ROOT / "requirements-dev.txt").read_text().splitlines()]
    return [line for line in build_pins if line.lower().startswith(("pyinstaller==", "pyinstaller-hooks-contrib=="))]


def _environment(path: Path, log) -> None:
    target = venv()
    stamp = path / target.lstrip("/") / ".ready"
    if stamp.exists():
        return
    log(f"installing the pinned libraries in the build root ({target}; numpy is built from its source: minutes)")
    shutil.rmtree(path / target.lstrip("/"), ignore_errors=True)
    for name in ("requirements.txt", "requirements-nodeps.txt"):
        (path / "tmp" / name).write_text((ROOT / name).read_text())
    chroot.run(path, [f"{PYTHON_PREFIX}/bin/python3.11", "-m", "venv", target])
    pip = [f"{target}/bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check", "--only-binary", ":all:"]
    source_build = [f"--no-binary={','.join(FROM_SOURCE)}", *(f"--config-settings={s}" for s in SOURCE_BUILD_SETTINGS)]
    chroot.run(path, [*pip, *source_build, "-r", "/tmp/requirements.txt", *pins()], env=_pip_env(path))
    chroot.run(path, [*pip, "--no-deps", "-r", "/tmp/requirements-nodeps.txt"], env=_pip_env(path))
    stamp.write_text(_wanted())


def _pip_env(path: Path) -> dict[str, str]:
    """pip in the root trusts what the host's pip trusts (a network may put its own authority in between)."""
    host_ca = Path(os.environ.get("PIP_CERT") or os.environ.get("SSL_CERT_FILE") or "/etc/ssl/certs/ca-certificates.crt")
    env = {name: os.environ[name] for name in ("PIP_DEFAULT_TIMEOUT", "PIP_INDEX_URL", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
                                                 "http_proxy", "https_proxy", "no_proxy") if name in os.environ}
    if host_ca.is_file():
        shutil.copy(host_ca, path / "etc" / "ssl" / "host-ca.crt")
        env["PIP_CERT"] = "/etc/ssl/host-ca.crt"
    return env


def sync_source(root: chroot.Root) -> Path:
    """The program's files, copied fresh into the root (a build there never sees the worktree's .venv or dist)."""
    target = root.path / source().lstrip("/")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in SOURCE_PARTS:
        here = ROOT / part
        if here.is_dir():
            shutil.copytree(here, target / part, ignore=ignore)
        else:
            shutil.copy2(here, target / part)
    return target


if __name__ == "__main__":
    print(prepared().path)
